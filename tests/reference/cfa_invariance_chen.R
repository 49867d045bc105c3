# Reference values for measurement_invariance(rule = "chen2007") on HolzingerSwineford1939
# by school. R version 4.2.2 Patched (2022-11-10 r83330), lavaan 0.6-14, semTools 0.5-6.
# Run from the repository root:  Rscript tests/reference/cfa_invariance_chen.R
# It reads tests/reference/data/cfa_holzinger_swineford_1939.csv (written by
# cfa_holzinger.R) and prints the numbers hard-coded in tests/test_cfa.py: the fit of each
# ladder level, the changes semTools::compareFit reports, the chi-square difference tests
# and Chen's (2007) verdicts computed here from those changes.
suppressPackageStartupMessages({
  library(lavaan)
  library(semTools)
})
options(digits = 10, width = 200)

hs <- read.csv("tests/reference/data/cfa_holzinger_swineford_1939.csv")
model <- "
  visual  =~ x1 + x2 + x3
  textual =~ x4 + x5 + x6
  speed   =~ x7 + x8 + x9
"
fit_level <- function(equal = "", partial = "") {
  cfa(model, data = hs, group = "school", group.equal = equal, group.partial = partial)
}
fits <- list(
  configural = fit_level(),
  metric = fit_level("loadings"),
  scalar = fit_level(c("loadings", "intercepts")),
  partial_x3 = fit_level(c("loadings", "intercepts"), "x3~1"),
  partial_x3_x7 = fit_level(c("loadings", "intercepts"), c("x3~1", "x7~1"))
)
measures <- c("chisq", "df", "cfi", "rmsea", "srmr")
table <- t(sapply(fits, fitMeasures, fit.measures = measures))
cat("## group sizes\n")
print(lavInspect(fits$configural, "nobs"))
cat("## fit by level\n")
print(table, digits = 12)

# Each level against the one it is compared with (partial models against metric).
against <- c(metric = "configural", scalar = "metric", partial_x3 = "metric",
             partial_x3_x7 = "metric")
adds <- c(metric = "loadings", scalar = "intercepts", partial_x3 = "intercepts",
          partial_x3_x7 = "intercepts")
chen <- list(
  regular = list(cfi = -0.010, rmsea = 0.015, srmr = c(loadings = 0.030, intercepts = 0.010)),
  small = list(cfi = -0.005, rmsea = 0.010, srmr = c(loadings = 0.025, intercepts = 0.005))
)
changes <- do.call(rbind, lapply(names(against), function(level) {
  base <- against[[level]]
  lrt <- lavTestLRT(fits[[base]], fits[[level]])
  d <- table[level, ] - table[base, ]
  verdict <- sapply(chen, function(cut) {
    fails <- d[["cfi"]] <= cut$cfi &&
      (d[["rmsea"]] >= cut$rmsea || d[["srmr"]] >= cut$srmr[[adds[[level]]]])
    !fails
  })
  data.frame(level = level, against = base, delta_cfi = d[["cfi"]],
             delta_rmsea = d[["rmsea"]], delta_srmr = d[["srmr"]],
             chisq_diff = lrt[2, "Chisq diff"], df_diff = lrt[2, "Df diff"],
             p_diff = lrt[2, "Pr(>Chisq)"], invariant_regular = verdict[["regular"]],
             invariant_small = verdict[["small"]])
}))
cat("## changes against the compared level, lavTestLRT, Chen (2007) verdicts\n")
print(changes, digits = 12)

cat("## semTools::compareFit(configural, metric, scalar): the same changes\n")
print(summary(compareFit(fits$configural, fits$metric, fits$scalar),
              fit.measures = c("cfi", "rmsea", "srmr")))

cat("## lavTestScore(partial_x3): the next intercept to free\n")
score <- lavTestScore(fits$partial_x3)$uni
print(as.data.frame(score[order(-score$X2), ][1:3, ]), digits = 12)
