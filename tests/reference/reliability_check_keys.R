# Reference values of the reverse-keying tests in tests/test_reliability.py: psych::alpha
# with check.keys = TRUE (items loading negatively on the first principal component are
# reversed) and without it, on bfi's Agreeableness items (A1 is reverse-keyed).
# R 4.2.2 Patched (2022-11-10 r83330), psych 2.2.9.
# Run from the repository root:  Rscript tests/reference/reliability_check_keys.R
suppressPackageStartupMessages(library(psych))
options(digits = 15, width = 200)
bfi <- read.csv("tests/reference/data/reliability_bfi.csv")
agree <- bfi[, paste0("A", 1:5)]

cat("===== check.keys = TRUE =====\n")
keyed <- psych::alpha(agree, check.keys = TRUE)
print(keyed$keys)
print(unlist(keyed$total[c("raw_alpha", "std.alpha", "G6(smc)", "average_r")]))
cat("item.stats r.drop\n"); print(keyed$item.stats$r.drop)
cat("item.stats of the items as analysed (A1 reversed) and alpha.drop\n")
print(keyed$item.stats[, c("n", "raw.r", "r.drop", "mean", "sd")])
print(keyed$alpha.drop$raw_alpha)
cat("===== keys = 'A1' (psych's keys notation, -A1 in techvet_survey) =====\n")
by_keys <- psych::alpha(agree, keys = c("A1"))
print(unlist(by_keys$total[c("raw_alpha", "std.alpha", "G6(smc)", "average_r")]))
cat("first principal component loadings (pairwise correlations)\n")
print(unclass(principal(agree)$loadings)[, 1])

cat("===== check.keys = FALSE (A1 as asked) =====\n")
plain <- suppressWarnings(psych::alpha(agree, check.keys = FALSE, warnings = FALSE))
print(unlist(plain$total[c("raw_alpha", "std.alpha", "G6(smc)", "average_r")]))
cat("item.stats r.drop\n"); print(plain$item.stats$r.drop)
