# Reference values for the robust (MLR) and full-information (FIML) estimators of
# techvet_survey.cfa, on HolzingerSwineford1939 (lavaan's copy).
# R version 4.2.2 Patched (2022-11-10 r83330), lavaan 0.6-14.
# Run from the repository root:  Rscript tests/reference/cfa_robust.R
# It (re)writes tests/reference/data/cfa_holzinger_mcar.csv (about 8% of the item cells
# set missing completely at random, fixed seed) and prints the numbers hard-coded in
# tests/test_cfa_robust.py.
suppressPackageStartupMessages(library(lavaan))
options(digits = 10, width = 200)

hs <- read.csv("tests/reference/data/cfa_holzinger_swineford_1939.csv")
items <- paste0("x", 1:9)
set.seed(20260315)
mcar <- hs[, c("id", "school", items)]
holes <- matrix(runif(nrow(mcar) * length(items)) < 0.08, ncol = length(items))
for (j in seq_along(items)) mcar[holes[, j], items[j]] <- NA
write.csv(mcar, "tests/reference/data/cfa_holzinger_mcar.csv", row.names = FALSE,
          na = "")
mcar <- read.csv("tests/reference/data/cfa_holzinger_mcar.csv")
cat("## missing cells:", sum(is.na(mcar[, items])), "of", length(items) * nrow(mcar),
    "; complete rows:", sum(complete.cases(mcar[, items])), "\n")

model <- "
  visual  =~ x1 + x2 + x3
  textual =~ x4 + x5 + x6
  speed   =~ x7 + x8 + x9
"
measures <- c("chisq", "df", "cfi", "tli", "rmsea", "srmr", "logl", "ntotal",
              "chisq.scaled", "df.scaled", "chisq.scaling.factor", "cfi.robust",
              "tli.robust", "rmsea.robust")
show <- function(label, fit) {
  cat("###", label, "\n")
  fm <- fitMeasures(fit, intersect(measures, names(fitMeasures(fit))))
  print(setNames(as.numeric(fm), names(fm)), digits = 12)
  pe <- parameterEstimates(fit)
  pe <- pe[pe$se > 0, intersect(c("group", "lhs", "op", "rhs", "est", "se"), names(pe))]
  cat("est <- c(", paste(sprintf("%.10f", pe$est), collapse = ", "), ")\n")
  cat("se <- c(", paste(sprintf("%.10f", pe$se), collapse = ", "), ")\n")
}

show("complete data, MLR", cfa(model, data = hs, estimator = "MLR"))
show("MCAR, ML, missing = ml", cfa(model, data = mcar, missing = "ml"))
show("MCAR, MLR, missing = ml", cfa(model, data = mcar, estimator = "MLR", missing = "ml"))
show("MCAR, ML, missing = ml, metric by school",
     cfa(model, data = mcar, missing = "ml", group = "school", group.equal = "loadings"))
show("MCAR, MLR, missing = ml, scalar by school",
     cfa(model, data = mcar, estimator = "MLR", missing = "ml", group = "school",
         group.equal = c("loadings", "intercepts")))

cat("## two-group ladder by school, MLR (complete data and MCAR with missing = ml)\n")
for (missing in c("listwise", "ml")) {
  data <- if (missing == "ml") mcar else hs
  fits <- lapply(list("", "loadings", c("loadings", "intercepts")), function(eq)
    cfa(model, data = data, group = "school", estimator = "MLR", missing = missing,
        group.equal = eq))
  for (k in 1:3) show(paste(missing, c("configural", "metric", "scalar")[k]), fits[[k]])
  cat("### lavTestLRT satorra.bentler.2001,", missing, "\n")
  print(as.data.frame(lavTestLRT(fits[[1]], fits[[2]], fits[[3]],
                                 method = "satorra.bentler.2001")), digits = 12)
}

cat("## score tests of the scalar models (lavTestScore: expected information, its default)\n")
for (missing in c("listwise", "ml")) {
  data <- if (missing == "ml") mcar else hs
  scalar <- cfa(model, data = data, group = "school", estimator = "MLR", missing = missing,
                group.equal = c("loadings", "intercepts"))
  cat("###", missing, "\n")
  print(as.data.frame(lavTestScore(scalar)$uni), digits = 12)
}
