# Reference values for CfaResult.standardized(), .r2 and the CIs in .estimates on
# HolzingerSwineford1939 (lavaan's copy).
# R version 4.2.2 Patched (2022-11-10 r83330), lavaan 0.6-14.
# Run from the repository root:  Rscript tests/reference/cfa_extras.R
# It prints the numbers hard-coded in tests/test_cfa_extras.py.
suppressPackageStartupMessages(library(lavaan))
options(digits = 10, width = 200)

hs <- read.csv("tests/reference/data/cfa_holzinger_swineford_1939.csv")
model <- "
  visual  =~ x1 + x2 + x3
  textual =~ x4 + x5 + x6
  speed   =~ x7 + x8 + x9
"
fit <- cfa(model, data = hs)

# standardizedSolution: std.all with delta-method SEs, z, p and 95% CIs
print(as.data.frame(standardizedSolution(fit)), digits = 10)
# std.lv
print(as.data.frame(standardizedSolution(fit, type = "std.lv")), digits = 10)
# R-squared of the items
print(unclass(lavInspect(fit, "r2")), digits = 10)
# 95% CIs of the unstandardized estimates
pe <- parameterEstimates(fit)
print(as.data.frame(pe)[, c("lhs", "op", "rhs", "est", "se", "ci.lower", "ci.upper")], digits = 10)

# MLR: the same standardized estimates with robust (sandwich) delta-method SEs
robust <- cfa(model, data = hs, estimator = "MLR")
print(as.data.frame(standardizedSolution(robust))[1:9, c("lhs", "rhs", "est.std", "se")],
      digits = 10)

# modindices(fit): every left-out cross-loading and residual covariance, as Python tuples
mi <- as.data.frame(modindices(fit))
cat(sprintf('    ("%s", "%s", "%s", %.10f, %.10f, %.10f),\n',
            mi$lhs, mi$op, mi$rhs, mi$mi, mi$epc, mi$sepc.all), sep = "")

# lavPredict(fit, method = ...): factor scores of rows 1, 2, 3, 150 and 301
for (method in c("regression", "Bartlett")) {
  scores <- lavPredict(fit, method = method)
  cat(method, "\n")
  print(scores[c(1, 2, 3, 150, 301), ], digits = 10)
  print(apply(scores, 2, sd), digits = 10)
}

# listwise deletion (lavaan's default) on the copy with 5% of the cells missing
mcar <- read.csv("tests/reference/data/cfa_holzinger_mcar.csv")
print(c(used = lavInspect(cfa(model, data = mcar), "nobs"), rows = nrow(mcar)))

# a residual covariance in the syntax (x7 ~~ x8, the largest modification index)
model_cov <- paste(model, "x7 ~~ x8", sep = "\n")
fit_cov <- cfa(model_cov, data = hs)
print(unclass(fitMeasures(fit_cov, c("chisq", "df", "cfi", "rmsea", "srmr", "logl"))),
      digits = 10)
pe_cov <- as.data.frame(parameterEstimates(fit_cov))
pair <- pe_cov$lhs == "x7" & pe_cov$rhs == "x8"
print(pe_cov[pair | pe_cov$lhs == "x9", c("lhs", "op", "rhs", "est", "se")], digits = 10)
std_cov <- as.data.frame(standardizedSolution(fit_cov))
print(std_cov[pair, c("lhs", "op", "rhs", "est.std", "se")], digits = 10)
mi_cov <- as.data.frame(modindices(fit_cov))
print(nrow(mi_cov))
print(mi_cov[mi_cov$lhs == "textual" & mi_cov$rhs == "x3", c("mi", "epc", "sepc.all")], digits = 10)
robust_cov <- cfa(model_cov, data = hs, estimator = "MLR")
print(as.data.frame(parameterEstimates(robust_cov))[pair, c("est", "se")], digits = 10)
print(unclass(fitMeasures(robust_cov, c("chisq.scaled", "cfi.robust"))), digits = 10)

# the residual covariance with FIML on the copy with missing cells, and by school
fiml_cov <- cfa(model_cov, data = mcar, missing = "ml")
print(unclass(fitMeasures(fiml_cov, c("chisq", "logl"))), digits = 10)
pe_fiml <- as.data.frame(parameterEstimates(fiml_cov))
print(pe_fiml[pe_fiml$lhs == "x7" & pe_fiml$rhs == "x8", c("est", "se")], digits = 10)
school_cov <- cfa(model_cov, data = hs, group = "school", group.equal = "loadings")
print(unclass(fitMeasures(school_cov, c("chisq", "df", "cfi"))), digits = 10)
pe_school <- as.data.frame(parameterEstimates(school_cov))
print(pe_school[pe_school$lhs == "x7" & pe_school$rhs == "x8", c("group", "est", "se")],
      digits = 10)
