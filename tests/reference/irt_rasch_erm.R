# Reference values for techvet_survey.irt: Rasch model by conditional ML (eRm::RM).
# R 4.2.2, eRm 1.0.2.  Run from the repository root:
#   Rscript tests/reference/irt_rasch_erm.R
# Simulates the data set (fixed seed), writes tests/reference/data/irt_rasch_sim.csv and
# prints the item difficulties (sum-zero) and their standard errors, on the complete data
# and on the same data with planted missing responses (not-reached items).
suppressPackageStartupMessages(library(eRm))
options(digits = 12)
set.seed(20261128)
n <- 300
b <- seq(-1.8, 1.8, length.out = 10)
theta <- rnorm(n, 0, 1.2)
p <- plogis(outer(theta, b, "-"))
x <- (matrix(runif(n * 10), n, 10) < p) * 1L
colnames(x) <- sprintf("q%02d", 1:10)
write.csv(x, "tests/reference/data/irt_rasch_sim.csv", row.names = FALSE)
x <- as.matrix(read.csv("tests/reference/data/irt_rasch_sim.csv"))

show <- function(label, fit) {
  cat(label, "\n")
  cat("difficulty =", paste(format(-fit$betapar, digits = 12), collapse = ", "), "\n")
  cat("se         =", paste(format(fit$se.beta, digits = 12), collapse = ", "), "\n")
  cat("loglik     =", format(fit$loglik, digits = 12), "\n")
}
show("complete", RM(x, sum0 = TRUE))

# Not-reached items: the last two items missing for the first 40 persons.
x_na <- x
x_na[1:40, 9:10] <- NA
show("missing", RM(x_na, sum0 = TRUE))
