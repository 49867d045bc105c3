# Reference values for techvet_survey.cfa on a hard case: four groups of 52, Likert 1-5,
# a marker item (q0) with a weak loading. R version 4.2.2 Patched (2022-11-10 r83330),
# lavaan 0.6-14. Run from the repository root:  Rscript tests/reference/cfa_weak_marker.R
# The data were simulated with numpy (Generator PCG64, seed 25):
#   n = rng.integers(25, 80); lam = rng.uniform(0.2, 1.2, 5); per country FI, EE, LV, NL:
#   eta = rng.normal(size=n); x = round(clip(3 + eta lam' + rng.normal(size=(n, 5)), 1, 5))
suppressPackageStartupMessages(library(lavaan))
d <- read.csv("tests/reference/data/cfa_weak_marker.csv")
model <- "f =~ q0 + q1 + q2 + q3 + q4"
for (level in list("", "loadings", c("loadings", "intercepts"))) {
  fit <- cfa(model, data = d, group = "country", group.equal = level)
  cat(paste(level, collapse = "+"), "converged:", lavInspect(fit, "converged"), "\n")
  if (lavInspect(fit, "converged")) {
    fm <- fitMeasures(fit, c("chisq", "df", "cfi", "rmsea"))
    print(setNames(as.numeric(fm), names(fm)), digits = 12)
  }
}
