# Reference values of tests/test_scales.py: scale means of the answered items
# (psych::scoreItems, impute = "none") and the counts used by the min-valid rule.
# R 4.2.2 Patched (2022-11-10 r83330), psych 2.2.9.
library(psych)
x <- data.frame(
  sa1 = c(4, 2, NA, 1, 5, NA, 3, 2),
  sa2 = c(5, NA, NA, 2, NA, 3, 3, 4),
  sa3 = c(3, 4, NA, NA, NA, NA, 4, 1),
  sa4 = c(4, NA, 1, 3, NA, NA, 2, 5),
  sa5 = c(2, 5, NA, 4, NA, 2, NA, 3),
  sa6 = c(1, 3, NA, NA, 4, 4, NA, 2)
)
s <- scoreItems(keys = list(sa = names(x)), items = x, impute = "none", totals = FALSE)
answered <- rowSums(!is.na(x))
print(s$scores[, "sa"], digits = 15)
print(answered)
# the min-valid rule (min_valid = 0.5: at least 3 of 6 items answered)
print(ifelse(answered >= 0.5 * ncol(x), s$scores[, "sa"], NA), digits = 15)
