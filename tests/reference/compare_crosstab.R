# Reference values for techvet_survey.compare.crosstab_test and crosstab_multiselect.
# R 4.2.2; effectsize 0.8.3. Run from the repository root:
#   Rscript tests/reference/compare_crosstab.R
suppressPackageStartupMessages(library(effectsize))
options(digits = 12)
d <- read.csv("tests/reference/data/compare_survey.csv")
show <- function(tab) {
  for (correct in c(TRUE, FALSE)) {
    x <- suppressWarnings(chisq.test(tab, correct = correct))
    cat("chisq correct =", correct, ":", x$statistic, x$parameter, x$p.value, "\n")
  }
  cat("min expected:", min(x$expected), "share < 5:", mean(x$expected < 5), "\n")
  v <- cramers_v(tab, adjust = TRUE, alternative = "two.sided")
  cat("cramers_v adjusted:", v$Cramers_v_adjusted, v$CI_low, v$CI_high, "\n")
  v <- cramers_v(tab, adjust = FALSE, alternative = "two.sided")
  cat("cramers_v:", v$Cramers_v, v$CI_low, v$CI_high, "\n")
}
cat("== country x opt_digital\n"); tab <- table(d$country, d$opt_digital); print(tab); show(tab)
cat("== opt_mentor x opt_digital (2x2)\n"); tab <- table(d$opt_mentor, d$opt_digital); print(tab); show(tab)
f <- fisher.test(tab); cat("fisher 2x2:", f$p.value, f$estimate, f$conf.int, "\n")
cat("== role x country (sparse 3x4)\n"); tab <- table(d$role, d$country); print(tab); show(tab)
cat("fisher exact RxC p:", fisher.test(tab, workspace = 2e7)$p.value, "\n")
cat("== hard-coded 2x2 [[7, 1], [2, 6]]\n")
tab <- matrix(c(7, 2, 1, 6), 2); show(tab)
f <- fisher.test(tab); cat("fisher 2x2:", f$p.value, f$estimate, f$conf.int, "\n")
cat("== multiselect by country: chi-square p, Fisher p, Holm and BH of the chosen test\n")
p <- c()
for (opt in c("opt_mentor", "opt_digital", "opt_feedback")) {
  tab <- table(d[[opt]], d$country)
  x <- suppressWarnings(chisq.test(tab))
  small <- mean(x$expected < 5) > 0.2 || min(x$expected) < 1
  fp <- fisher.test(tab)$p.value
  v <- cramers_v(tab, adjust = TRUE, alternative = "two.sided")
  cat(opt, sum(tab), x$statistic, x$p.value, fp, "small:", small, "V:", v$Cramers_v_adjusted, v$CI_low, v$CI_high, "\n")
  p <- c(p, if (small) fp else x$p.value)
}
cat("holm:", p.adjust(p, "holm"), "\nBH:", p.adjust(p, "BH"), "\n")
