# Reference values for techvet_survey.cfa on HolzingerSwineford1939 (lavaan's copy).
# R version 4.2.2 Patched (2022-11-10 r83330), lavaan 0.6-14, semTools 0.5-6.
# Run from the repository root:  Rscript tests/reference/cfa_holzinger.R
# It (re)writes tests/reference/data/cfa_holzinger_swineford_1939.csv and prints the
# numbers hard-coded in tests/test_cfa.py.
suppressPackageStartupMessages({
  library(lavaan)
  library(semTools)
})
options(digits = 10, width = 200)

data_file <- "tests/reference/data/cfa_holzinger_swineford_1939.csv"
write.csv(HolzingerSwineford1939, data_file, row.names = FALSE)
hs <- read.csv(data_file)  # fit on the CSV itself, as the Python tests do

model <- "
  visual  =~ x1 + x2 + x3
  textual =~ x4 + x5 + x6
  speed   =~ x7 + x8 + x9
"
measures <- c("chisq", "df", "pvalue", "cfi", "tli", "rmsea", "rmsea.ci.lower",
              "rmsea.ci.upper", "srmr", "logl", "aic", "bic", "ntotal")
show_fit <- function(fit) {
  fm <- fitMeasures(fit, measures)
  print(setNames(as.numeric(fm), names(fm)), digits = 12)
}
show_est <- function(fit) {
  pe <- parameterEstimates(fit)
  cols <- intersect(c("group", "lhs", "op", "rhs", "est", "se", "z", "pvalue"), names(pe))
  print(as.data.frame(pe[, cols]), digits = 12)
}

cat("## single group, meanstructure = TRUE\n")
single <- cfa(model, data = hs, meanstructure = TRUE)
show_fit(single)
show_est(single)
cat("## single group, lavaan's default (no mean structure): SRMR without the means\n")
print(as.numeric(fitMeasures(cfa(model, data = hs), "srmr")), digits = 12)

cat("## multigroup ladder by school (lavaan's group order: Pasteur, Grant-White)\n")
configural <- cfa(model, data = hs, group = "school")
metric <- cfa(model, data = hs, group = "school", group.equal = "loadings")
scalar <- cfa(model, data = hs, group = "school",
              group.equal = c("loadings", "intercepts"))
strict <- cfa(model, data = hs, group = "school",
              group.equal = c("loadings", "intercepts", "residuals"))
for (name in c("configural", "metric", "scalar", "strict")) {
  cat("### ", name, "\n")
  show_fit(get(name))
}
cat("### configural estimates\n")
show_est(configural)
cat("### scalar estimates\n")
show_est(scalar)
cat("### lavTestLRT(configural, metric, scalar, strict)\n")
print(as.data.frame(lavTestLRT(configural, metric, scalar, strict)), digits = 12)
cat("### semTools::compareFit (nested)\n")
print(summary(compareFit(configural, metric, scalar, strict), fit.measures = c("cfi", "rmsea")))

cat("### lavTestScore(scalar): univariate score tests on the equality constraints\n")
score <- lavTestScore(scalar)
print(as.data.frame(score$test), digits = 12)
print(parTable(scalar)[parTable(scalar)$op == "==", c("lhs", "op", "rhs")])
labels <- parTable(scalar)[parTable(scalar)$label != "" & parTable(scalar)$group == 1,
                           c("lhs", "op", "rhs", "label")]
print(labels)
print(as.data.frame(score$uni), digits = 12)

cat("### partial scalar: x3 intercept free (2 groups, so free in group 2 only)\n")
partial <- cfa(model, data = hs, group = "school",
               group.equal = c("loadings", "intercepts"), group.partial = c("x3~1"))
show_fit(partial)
print(as.data.frame(lavTestScore(partial)$uni), digits = 12)
pe <- parameterEstimates(partial)
print(as.data.frame(pe[pe$op == "~1" & pe$lhs %in% c("visual", "textual", "speed"),
                      c("group", "lhs", "op", "est", "se", "z", "pvalue")]), digits = 12)

cat("### partial scalar: x3 and x7 intercepts free, then strict on top of it\n")
partial2 <- cfa(model, data = hs, group = "school",
                group.equal = c("loadings", "intercepts"),
                group.partial = c("x3~1", "x7~1"))
show_fit(partial2)
pe <- parameterEstimates(partial2)
print(as.data.frame(pe[pe$op == "~1" & pe$lhs %in% c("visual", "textual", "speed"),
                      c("group", "lhs", "op", "est", "se", "z", "pvalue")]), digits = 12)
strict_partial <- cfa(model, data = hs, group = "school",
                      group.equal = c("loadings", "intercepts", "residuals"),
                      group.partial = c("x3~1", "x7~1"))
show_fit(strict_partial)

cat("### group.equal = loadings + intercepts + means; loadings + lv.variances + lv.covariances\n")
means <- cfa(model, data = hs, group = "school",
             group.equal = c("loadings", "intercepts", "means"))
show_fit(means)
lv <- cfa(model, data = hs, group = "school",
          group.equal = c("loadings", "lv.variances", "lv.covariances"))
show_fit(lv)
