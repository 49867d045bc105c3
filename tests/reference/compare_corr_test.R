# Reference numbers for techvet_survey.compare.corr_test (tests/test_compare.py).
# R 4.2.2, psych 2.2.9. Data: psych's bfi (psychTools), the copy in data/reliability_bfi.csv.
library(psych)
bfi <- read.csv("tests/reference/data/reliability_bfi.csv")
items <- c("A1", "A2", "A3", "A4", "A5")
result <- corr.test(bfi[, items], use = "pairwise", adjust = "holm", alpha = 0.05)
options(digits = 15)
for (i in 1:4) for (j in (i + 1):5) {
  cat(items[i], items[j], result$r[i, j], result$n[i, j], result$t[i, j],
      result$p[j, i], result$p[i, j], "\n")
}
ci <- result$ci
print(ci[, c("lower", "upper")], digits = 15)
