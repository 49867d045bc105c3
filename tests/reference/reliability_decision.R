# Reference values for decision_consistency(method="huynh") in tests/test_reliability.py.
# R version 4.2.2 Patched (2022-11-10 r83330); psychTools (ability data); base R only.
# Run from the repository root:  Rscript tests/reference/reliability_decision.R
# Huynh (1976): true proportion p ~ Beta(a, b) fitted with KR-21, two parallel forms
# X, Y | p ~ Binomial(k, p) independently. Here each joint probability is obtained by
# numerical integration over p (an independent route from the closed beta-binomial sum).
options(digits = 15)
x <- na.omit(psychTools::ability)
total <- rowSums(x); k <- ncol(x); n <- length(total)
m <- mean(total); v <- mean((total - m)^2)  # variance with denominator n
kr21 <- k / (k - 1) * (1 - m * (k - m) / (k * v))
a <- (1 / kr21 - 1) * m
b <- -a + k / kr21 - k
joint <- function(xs, ys) integrate(function(p) dbinom(xs, k, p) * dbinom(ys, k, p) *
                                      dbeta(p, a, b), 0, 1, rel.tol = 1e-12)$value
for (cut in c(8, 12)) {
  pass <- 0:k >= cut
  P <- outer(0:k, 0:k, Vectorize(joint))
  p0 <- sum(P[pass, pass]) + sum(P[!pass, !pass])
  p_pass <- sum(P[pass, ])
  pc <- p_pass^2 + (1 - p_pass)^2
  cat("cut", cut, "kr21", kr21, "p0", p0, "kappa", (p0 - pc) / (1 - pc),
      "pass_rate", mean(total >= cut), "\n")
}
