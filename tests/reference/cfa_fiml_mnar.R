# Reference values for full-information ML (FIML) of techvet_survey.cfa on a hard case:
# HolzingerSwineford1939 (lavaan's copy) with about 10% of the item cells missing NOT at
# random, and differently by group: in Grant-White a score above the item's median is
# missing with probability 0.25 (a value below it with 0.05); in Pasteur every cell is
# missing with probability 0.05.
# R version 4.2.2 Patched (2022-11-10 r83330), lavaan 0.6-14.
# Run from the repository root:  Rscript tests/reference/cfa_fiml_mnar.R
# It (re)writes tests/reference/data/cfa_holzinger_mnar.csv (fixed seed) and prints the
# numbers hard-coded in tests/test_cfa_robust.py, in Python syntax.
suppressPackageStartupMessages(library(lavaan))
options(digits = 10, width = 200)

hs <- read.csv("tests/reference/data/cfa_holzinger_swineford_1939.csv")
items <- paste0("x", 1:9)
set.seed(20261206)
mnar <- hs[, c("id", "school", items)]
for (item in items) {
  high <- mnar[[item]] > median(mnar[[item]])
  chance <- ifelse(mnar$school == "Grant-White" & high, 0.25, 0.05)
  mnar[runif(nrow(mnar)) < chance, item] <- NA
}
write.csv(mnar, "tests/reference/data/cfa_holzinger_mnar.csv", row.names = FALSE, na = "")
mnar <- read.csv("tests/reference/data/cfa_holzinger_mnar.csv")
cat("# missing cells:", sum(is.na(mnar[, items])), "of", length(items) * nrow(mnar),
    "; by school:", tapply(rowSums(is.na(mnar[, items])), mnar$school, sum),
    "; complete rows:", sum(complete.cases(mnar[, items])), "\n")

model <- "
  visual  =~ x1 + x2 + x3
  textual =~ x4 + x5 + x6
  speed   =~ x7 + x8 + x9
"
measures <- c(chisq = "chi2", df = "df", cfi = "cfi", tli = "tli", rmsea = "rmsea",
              srmr = "srmr", logl = "loglik", chisq.scaled = "chi2_scaled",
              df.scaled = "df_scaled", chisq.scaling.factor = "scaling_factor",
              cfi.robust = "cfi_robust", tli.robust = "tli_robust",
              rmsea.robust = "rmsea_robust")
vector <- function(values) {
  paste0("[\n", paste0("    ", sprintf("%.10f", values), ",", collapse = "\n"), "\n]\n")
}
show <- function(name, fit) {
  fm <- fitMeasures(fit)
  keep <- intersect(names(measures), names(fm))
  # lavaan also reports robust CFI / TLI / RMSEA for ML with missing = "ml"; ours does so
  # only for MLR
  if (!"yuan.bentler.mplus" %in% lavInspect(fit, "options")$test)
    keep <- setdiff(keep, c("cfi.robust", "tli.robust", "rmsea.robust"))
  cat(sprintf("# n = %d\n", lavInspect(fit, "ntotal")))
  cat(name, "_FIT = {\n", sep = "")
  cat(sprintf('    "%s": %.12g,\n', measures[keep], as.numeric(fm[keep])), sep = "")
  cat("}\n")
  pe <- parameterEstimates(fit)
  pe <- pe[pe$se > 0, ]
  cat(name, "_EST = ", vector(pe$est), sep = "")
  cat(name, "_SE = ", vector(pe$se), sep = "")
}

show("MNAR_ML", cfa(model, data = mnar, missing = "ml"))
show("MNAR_MLR", cfa(model, data = mnar, estimator = "MLR", missing = "ml"))
show("MNAR_ML_CONFIGURAL", cfa(model, data = mnar, missing = "ml", group = "school"))
show("MNAR_MLR_SCALAR",
     cfa(model, data = mnar, estimator = "MLR", missing = "ml", group = "school",
         group.equal = c("loadings", "intercepts")))
