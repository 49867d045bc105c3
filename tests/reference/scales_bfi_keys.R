# Reference values of tests/test_scales.py: bfi scale scores with psych's keys notation
# ("-A1" = reverse-keyed), psych::scoreItems(impute = "none"), i.e. the mean of the
# answered items after reversing on the items' range (min + max - x).
# R 4.2.2 Patched (2022-11-10 r83330), psych 2.2.9.
# Run from the repository root:  Rscript tests/reference/scales_bfi_keys.R
suppressPackageStartupMessages(library(psych))
options(digits = 15, width = 200)
bfi <- read.csv("tests/reference/data/reliability_bfi.csv")
keys <- list(
  agree = c("-A1", "A2", "A3", "A4", "A5"),
  conscientious = c("C1", "C2", "C3", "-C4", "-C5"),
  extraversion = c("-E1", "-E2", "E3", "E4", "E5"),
  neuroticism = c("N1", "N2", "N3", "N4", "N5"),
  openness = c("O1", "-O2", "O3", "O4", "-O5")
)
s <- scoreItems(keys, bfi, impute = "none", totals = FALSE, min = 1, max = 6)
scores <- as.data.frame(s$scores)
cat("scores of rows 1 to 5\n"); print(scores[1:5, ])
cat("column means (na.rm)\n"); print(colMeans(scores, na.rm = TRUE))
cat("rows without a score\n"); print(colSums(is.na(scores)))
cat("row 2 of bfi with its NA items scored from the answered ones\n")
print(which(!complete.cases(bfi[, c("C1", "C2", "C3", "C4", "C5")]))[1:3])
print(scores[which(!complete.cases(bfi[, c("C1", "C2", "C3", "C4", "C5")]))[1:3], "conscientious"])
