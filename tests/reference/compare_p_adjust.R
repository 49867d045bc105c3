# Reference values for compare._common.adjust_p: R's p.adjust (stats).
# R 4.2.2 (Debian); stats is part of base R.
p <- c(0.01, 0.04, 0.03, 0.2, 0.04, 0.5, 0.001, 0.9, 0.03)
for (method in c("holm", "bonferroni", "BH")) {
  cat(method, ": ", paste(format(p.adjust(p, method), digits = 15), collapse = ", "), "\n", sep = "")
}
