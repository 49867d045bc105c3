# Reference values for techvet_survey.dif.logistic_dif (R 4.2.2, stats::glm).
#   Rscript tests/reference/dif_logistic.R
# Nested logistic models per item (Swaminathan & Rogers 1990; Zumbo 1999):
#   m0: item ~ score;  m1: + group;  m2: + group + score:group
# score = total score including the studied item (difR's default), no purification.
# Nagelkerke R^2 from logLik: (1 - exp(2 (l0 - l) / n)) / (1 - exp(2 l0 / n)), where l0 is
# the intercept-only log-likelihood.
options(digits = 12)
run <- function(path, levels, items) {
  d <- read.csv(path)
  d$group <- factor(d$group, levels = levels)
  d$score <- rowSums(d[, items])
  out <- t(sapply(items, function(it) {
    d$y <- d[[it]]
    null <- glm(y ~ 1, binomial, d)
    m0 <- glm(y ~ score, binomial, d)
    m1 <- glm(y ~ score + group, binomial, d)
    m2 <- glm(y ~ score * group, binomial, d)
    a <- anova(m0, m1, m2, test = "LRT")
    n <- nrow(d)
    l0 <- as.numeric(logLik(null))
    r2 <- function(m) (1 - exp(2 * (l0 - as.numeric(logLik(m))) / n)) / (1 - exp(2 * l0 / n))
    c(chi2_uniform = a$Deviance[2], p_uniform = a$`Pr(>Chi)`[2],
      chi2_nonuniform = a$Deviance[3], p_nonuniform = a$`Pr(>Chi)`[3],
      chi2_total = deviance(m0) - deviance(m2),
      p_total = pchisq(deviance(m0) - deviance(m2), 2 * (nlevels(d$group) - 1), lower.tail = FALSE),
      r2_m0 = r2(m0), r2_m1 = r2(m1), r2_m2 = r2(m2))
  }))
  print(out, digits = 12)
}
cat("== two groups (reference 'ref') ==\n")
run("tests/reference/data/dif_two_groups.csv", c("ref", "foc"), sprintf("q%02d", 1:12))
cat("== three groups (reference 'fi') ==\n")
run("tests/reference/data/dif_three_groups.csv", c("fi", "et", "lv"), sprintf("q%02d", 1:10))
