"""lavaan's ``summary(fit, fit.measures = TRUE)`` layout for a fitted CFA and a ladder."""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Parameter blocks in lavaan's order: (heading, op, whether the lhs is a header line).
BLOCKS = (
    ("Latent Variables:", "=~", True),
    ("Covariances:", "~~", True),
    ("Intercepts:", "~1", False),
    ("Thresholds:", "|", False),
    ("Variances:", "~~", False),
    ("Scales y*:", "~*~", False),
)
COLUMNS = "".join(name.rjust(9) for name in ("Estimate", "Std.Err", "z-value", "P(>|z|)"))
NAME_WIDTH = 20
ROBUST_ESTIMATORS = ("MLR", "WLSMV", "ULSMV")


def cfa_sections(estimates: pd.DataFrame, fit: pd.DataFrame, model: str, n_rows: int | None):
    """(title, sections) of a CfaResult as lavaan prints ``summary(fit, fit.measures=TRUE)``;
    `n_rows` the rows of the data, to say how many were dropped."""
    row = fit.iloc[0]
    estimator = str(row["estimator"])
    if bool(row["converged"]):
        title = f"CFA ({estimator}) ended normally after {int(row['n_iter'])} iterations"
    else:
        title = f"CFA ({estimator}) did not end normally: {row['message']}"
    groups = list(dict.fromkeys(estimates["group"]))
    header = {
        "Estimator": estimator,
        "Optimization method": _optimizer(estimator),
        "Number of model parameters": row["n_par"],
        "Number of observations": row["n"],
        "Missing values": row["nan_policy"],
    }
    if n_rows is not None and n_rows > row["n"]:
        header["Rows dropped (missing values)"] = n_rows - int(row["n"])
    sections: list = [(None, header), ("Model:", [f"  {line}" for line in model.splitlines()])]
    sections += _test_sections(row)
    sections.append(("Parameter Estimates:", {"Standard errors": _standard_errors(estimator)}))
    for g, label in enumerate(groups):
        if len(groups) > 1:
            sections.append((f"Group {g + 1} [{label}]:", []))
        rows = estimates[estimates["group"] == label]
        sections += parameter_blocks(rows)
    return title, sections


def _optimizer(estimator: str) -> str:
    if estimator in ("ML", "MLR"):
        return "Fisher scoring, BFGS"
    return "two-step WLS, BFGS"


def _standard_errors(estimator: str) -> str:
    return {"ML": "Standard", "MLR": "Robust.huber.white"}.get(estimator, "Robust.sem")


def _test_sections(row: pd.Series) -> list:
    """Model test, baseline comparison, log-likelihood, RMSEA and SRMR, robust beside."""
    scaled = np.isfinite(row["chi2_scaled"])
    robust = "cfi_robust" if np.isfinite(row["cfi_robust"]) else "cfi_scaled"
    suffix = robust.removeprefix("cfi")
    tested = np.isfinite(row[robust])

    def pair(name: str, other: str | None = None):
        other = other if other is not None else name + suffix
        values = (row[name], row[other]) if (scaled or tested) and other in row else (row[name],)
        values = tuple(int(v) if name == "df" and np.isfinite(v) else v for v in values)
        return values if len(values) > 1 else values[0]

    test = {
        "Test statistic": pair("chi2", "chi2_scaled"),
        "Degrees of freedom": pair("df", "df_scaled"),
        "P-value (Chi-square)": pair("p_val", "p_val_scaled"),
    }
    if scaled:
        test["Scaling correction factor"] = (None, row["scaling_factor"])
        if np.isfinite(row["shift"]):
            test["Shift parameter"] = (None, row["shift"])
    heading = "Model Test User Model:"
    if scaled or tested:
        heading += "\n" + " " * 45 + "Standard      Scaled"
    sections = [
        (heading, test),
        ("User Model versus Baseline Model:", {
            "Comparative Fit Index (CFI)": pair("cfi"),
            "Tucker-Lewis Index (TLI)": pair("tli"),
        }),
    ]  # fmt: skip
    if np.isfinite(row["loglik"]):
        sections.append(("Loglikelihood and Information Criteria:", {
            "Loglikelihood user model (H0)": row["loglik"],
            "Akaike (AIC)": row["aic"],
            "Bayesian (BIC)": row["bic"],
        }))  # fmt: skip
    sections.append(("Root Mean Square Error of Approximation:", {
        "RMSEA": pair("rmsea"),
        "90 Percent confidence interval - lower": row["rmsea_ci_low"],
        "90 Percent confidence interval - upper": row["rmsea_ci_high"],
    }))  # fmt: skip
    sections.append(("Standardized Root Mean Square Residual:", {"SRMR": row["srmr"]}))
    return sections


def parameter_blocks(rows: pd.DataFrame) -> list:
    """lavaan's Latent Variables / Covariances / Intercepts / Thresholds / Variances."""
    items = set(rows.loc[rows["op"] == "=~", "rhs"])
    sections = []
    for heading, op, grouped in BLOCKS:
        block = rows[rows["op"] == op]
        if op == "~~":
            variance = block["lhs"] == block["rhs"]
            block = block[variance != grouped]
        if block.empty:
            continue
        lines = [" " * NAME_WIDTH + COLUMNS]
        if grouped:
            for lhs, part in block.groupby("lhs", sort=False):
                lines.append(f"  {_name(lhs, items, op)} {op}")
                lines += [_line(_name(r.rhs, items, op), r, 4) for r in part.itertuples()]
        else:
            for r in block.itertuples():
                name = f"{r.lhs}|{r.rhs}" if op == "|" else _name(r.lhs, items, op)
                lines.append(_line(name, r, 3 if name.startswith(".") else 4))
        sections.append((heading, lines))
    return sections


def _name(name: str, items: set, op: str) -> str:
    """lavaan marks observed items with a dot where their residual part is meant."""
    return f".{name}" if name in items and op in ("~~", "~1") else name


def _line(name: str, row, indent: int) -> str:
    cells = [f"{row.est:9.3f}" if np.isfinite(row.est) else f"{'NA':>9}"]
    if np.isfinite(row.se):
        cells += [f"{row.se:9.3f}", f"{row.z:9.3f}", f"{row.p_val:9.3f}"]
    return (" " * indent + name).ljust(NAME_WIDTH) + "".join(cells)


def ladder_sections(ladder: pd.DataFrame, freed: pd.DataFrame, latent_means: pd.DataFrame,
                    reason: str, rule: str):  # fmt: skip
    """(title, sections) of an InvarianceResult, as semTools' ``compareFit`` summary."""
    tests = ladder.set_index("level")
    robust = "cfi_robust" if tests["cfi_robust"].notna().any() else "cfi_scaled"
    suffix = robust.removeprefix("cfi") if tests[robust].notna().any() else ""
    nested = tests[["df", "aic", "bic", "chi2", "chi2_scaled", "chi2_diff", "df_diff", "p_diff"]]
    nested = nested.dropna(axis=1, how="all")  # no AIC under WLSMV, no scaled test under ML
    indices = tests[["cfi" + suffix, "tli" + suffix, "rmsea" + suffix, "srmr"]]
    changes = tests[["compared_with", "delta_cfi", "delta_rmsea", "delta_srmr", "invariant"]]
    sections = [
        (None, [f"  {rule}"]),
        ("################### Nested Model Comparison #########################", nested),
        ("####################### Model Fit Indices ###########################", indices),
        ("################## Differences in Fit Indices #######################", changes),
    ]
    sections = [(h, b.reset_index() if isinstance(b, pd.DataFrame) else b) for h, b in sections]
    if not freed.empty:
        sections.append(("Freed for partial invariance:", freed.drop(columns="reason")))
    if not latent_means.empty:
        sections.append(("Latent means against the reference group:", latent_means))
    sections.append(("Verdict:", [f"  {reason}"]))
    return "Measurement invariance", sections
