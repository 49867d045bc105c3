# Simulated DIF data for the techvet_survey.dif tests (R 4.2.2, base R only).
#   Rscript tests/reference/dif_simulate.R
# dif_two_groups.csv: 500 persons x 12 items (2PL), groups "ref"/"foc" of 250;
#   item q05 has uniform DIF: 1.2 logits harder for "foc".
# dif_three_groups.csv: 600 persons x 10 items, languages "fi"/"et"/"lv" of 200;
#   item q03 is 0.9 logits harder in "et" and 0.6 easier in "lv".
set.seed(20261128)
simulate <- function(groups, size, n_items, dif_item, dif_shift, mean_shift) {
  b <- seq(-1.5, 1.5, length.out = n_items)
  a <- runif(n_items, 0.8, 1.6)
  out <- NULL
  for (g in seq_along(groups)) {
    theta <- rnorm(size, mean_shift[g], 1)
    bg <- b
    bg[dif_item] <- bg[dif_item] + dif_shift[g]
    p <- plogis(sweep(outer(theta, bg, "-"), 2, a, "*"))
    y <- (matrix(runif(size * n_items), size, n_items) < p) * 1L
    colnames(y) <- sprintf("q%02d", seq_len(n_items))
    out <- rbind(out, data.frame(y, group = groups[g]))
  }
  out
}
two <- simulate(c("ref", "foc"), 250, 12, 5, c(0, 1.2), c(0, -0.3))
write.csv(two, "tests/reference/data/dif_two_groups.csv", row.names = FALSE)
three <- simulate(c("fi", "et", "lv"), 200, 10, 3, c(0, 0.9, -0.6), c(0, 0.2, -0.2))
write.csv(three, "tests/reference/data/dif_three_groups.csv", row.names = FALSE)
