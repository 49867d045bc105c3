# Reference values for the ordinal (WLSMV / DWLS) estimator of techvet_survey.cfa, on
# HolzingerSwineford1939 (lavaan's copy) with every item cut into five ordered categories
# at fixed cut points (the data: Holzinger & Swineford 1939, as distributed with lavaan;
# the ordinal files are derived from tests/reference/data/cfa_holzinger_swineford_1939.csv).
# R version 4.2.2 Patched (2022-11-10 r83330), lavaan 0.6-14, semTools 0.5-6.
# Run from the repository root:  Rscript tests/reference/cfa_ordinal.R
# It (re)writes tests/reference/data/cfa_holzinger_ordinal.csv (and
# cfa_holzinger_ordinal_gaps.csv: about 8% of x1-x6 missing completely at random, fixed
# seed) and prints the numbers hard-coded in tests/test_cfa_ordinal.py.
suppressPackageStartupMessages({
  library(lavaan)
  library(semTools)
})
options(digits = 10, width = 200)

hs <- read.csv("tests/reference/data/cfa_holzinger_swineford_1939.csv")
items <- paste0("x", 1:9)
breaks <- list(
  x1 = c(3.9, 4.7, 5.4, 6.2), x2 = c(5.1, 5.8, 6.3, 7.3), x3 = c(1.05, 1.8, 2.55, 3.8),
  x4 = c(2.05, 2.7, 3.4, 4.4), x5 = c(3.05, 4.3, 5.05, 5.8), x6 = c(1.15, 1.9, 2.45, 3.3),
  x7 = c(3.05, 3.8, 4.65, 5.5), x8 = c(4.62, 5.32, 5.87, 6.47), x9 = c(4.35, 5.1, 5.77, 6.4)
)
ordinal <- hs[, c("id", "school")]
for (item in items) {
  stopifnot(!any(hs[[item]] %in% breaks[[item]]))
  ordinal[[item]] <- findInterval(hs[[item]], breaks[[item]]) + 1L
}
write.csv(ordinal, "tests/reference/data/cfa_holzinger_ordinal.csv", row.names = FALSE)
ordinal <- read.csv("tests/reference/data/cfa_holzinger_ordinal.csv")
print(sapply(ordinal[, items], table))

measures <- c("chisq", "df", "cfi", "tli", "rmsea", "srmr", "chisq.scaled", "df.scaled",
              "chisq.scaling.factor", "chisq.shift.parameter", "cfi.scaled", "tli.scaled",
              "rmsea.scaled", "baseline.chisq", "baseline.chisq.scaled", "ntotal")
show <- function(fit) {
  cat("## fit\n")
  print(unclass(fitMeasures(fit, measures)), digits = 12)
  cat("## estimates (free and derived)\n")
  pe <- parameterEstimates(fit)
  print(as.data.frame(pe)[, c("lhs", "op", "rhs", intersect("group", names(pe)), "est", "se")],
        digits = 10)
}

one_factor <- "f =~ x1 + x2 + x3 + x4 + x5 + x6"
three_factor <- "
  visual  =~ x1 + x2 + x3
  textual =~ x4 + x5 + x6
  speed   =~ x7 + x8 + x9
"
cat("\n### one factor, WLSMV\n")
show(cfa(one_factor, ordinal, ordered = items[1:6], estimator = "WLSMV"))
cat("\n### three factors, WLSMV\n")
fit3 <- cfa(three_factor, ordinal, ordered = items, estimator = "WLSMV")
show(fit3)
cat("\n### sample thresholds and polychoric correlations, with the NACOV diagonal\n")
print(lavInspect(fit3, "sampstat")$th)
print(diag(lavInspect(fit3, "gamma"))[1:12])
cat("\n### three factors, DWLS and ULS (standard test)\n")
print(unclass(fitMeasures(cfa(three_factor, ordinal, ordered = items, estimator = "DWLS"),
                          c("chisq", "df", "cfi", "tli", "rmsea"))), digits = 12)
show(cfa(three_factor, ordinal, ordered = items, estimator = "ULSMV"))

cat("\n### one factor, WLSMV, 8% missing cells, missing = \"pairwise\"\n")
gaps <- ordinal
set.seed(1)
for (item in items[1:6]) gaps[runif(nrow(gaps)) < 0.08, item] <- NA
write.csv(gaps, "tests/reference/data/cfa_holzinger_ordinal_gaps.csv", row.names = FALSE,
          na = "")
gaps <- read.csv("tests/reference/data/cfa_holzinger_ordinal_gaps.csv")
show(cfa(one_factor, gaps, ordered = items[1:6], estimator = "WLSMV", missing = "pairwise"))

cat("\n### Wu & Estabrook (2016) ladder by school, WLSMV\n")
levels <- list(configural = "", thresholds = "thresholds",
               metric = c("thresholds", "loadings"),
               scalar = c("thresholds", "loadings", "intercepts"))
fits <- list()
for (level in names(levels)) {
  equal <- levels[[level]]
  syntax <- measEq.syntax(three_factor, data = ordinal, ordered = items, group = "school",
                          ID.cat = "Wu.Estabrook.2016", parameterization = "delta",
                          group.equal = if (identical(equal, "")) "" else equal,
                          estimator = "WLSMV", return.fit = FALSE)
  if (level == "thresholds") cat(as.character(syntax), "\n")
  fits[[level]] <- cfa(as.character(syntax), ordinal, ordered = items, group = "school",
                       estimator = "WLSMV", parameterization = "delta")
  cat("\n#### level", level, "\n")
  print(unclass(fitMeasures(fits[[level]], measures)), digits = 12)
}
cat("\n#### lavTestLRT (scaled.shifted, method satorra.2000)\n")
print(as.data.frame(lavTestLRT(fits$configural, fits$thresholds, fits$metric, fits$scalar)),
      digits = 12)
cat("\n#### scalar estimates\n")
pe <- parameterEstimates(fits$scalar)
print(as.data.frame(pe)[, c("lhs", "op", "rhs", "group", "est", "se")], digits = 10)
