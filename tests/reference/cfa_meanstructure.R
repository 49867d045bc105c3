# Reference values for fit_cfa(..., meanstructure=) on HolzingerSwineford1939.
# Run from the repository root:  Rscript tests/reference/cfa_meanstructure.R
# Reads tests/reference/data/cfa_holzinger_swineford_1939.csv (written by cfa_holzinger.R)
# and cfa_holzinger_mcar.csv; prints the numbers hard-coded in tests/test_cfa.py.
suppressPackageStartupMessages(library(lavaan))
options(digits = 10, width = 200)
cat(R.version.string, " lavaan", as.character(packageVersion("lavaan")), "\n")

hs <- read.csv("tests/reference/data/cfa_holzinger_swineford_1939.csv")
mcar <- read.csv("tests/reference/data/cfa_holzinger_mcar.csv")
model <- "
  visual  =~ x1 + x2 + x3
  textual =~ x4 + x5 + x6
  speed   =~ x7 + x8 + x9
"
measures <- c("npar", "chisq", "df", "cfi", "tli", "rmsea", "srmr", "logl", "aic", "bic")
robust <- c("chisq.scaled", "scaling.factor", "cfi.robust", "rmsea.robust")
show <- function(label, fit, extra = character(0)) {
  cat("###", label, " meanstructure =", lavInspect(fit, "meanstructure"), "\n")
  fm <- fitMeasures(fit, c(measures, extra))
  print(setNames(as.numeric(fm), names(fm)), digits = 12)
  pe <- parameterEstimates(fit)
  cat("rows:", nrow(pe), " ~1 rows:", sum(pe$op == "~1"), "\n")
  print(as.data.frame(pe[pe$lhs == "visual" & pe$rhs == "x2", c("est", "se")]), digits = 12)
}
show("ML default", cfa(model, data = hs))
show("ML meanstructure = TRUE", cfa(model, data = hs, meanstructure = TRUE))
show("MLR default", cfa(model, data = hs, estimator = "MLR"), robust)
show("MLR meanstructure = TRUE", cfa(model, data = hs, estimator = "MLR", meanstructure = TRUE),
     robust)
show("FIML default (missing = ml)", cfa(model, data = mcar, missing = "ml"))
show("FIML meanstructure = FALSE (lavaan keeps the means)",
     cfa(model, data = mcar, missing = "ml", meanstructure = FALSE))
show("multigroup default", cfa(model, data = hs, group = "school"))
