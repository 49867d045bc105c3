# Reference values for techvet_survey.compare: describe, compare_groups, compare_many.
# R 4.2.2; effectsize 0.8.3; rstatix 0.7.2; boot 1.3-28.1.
# Run from the repository root: Rscript tests/reference/compare_groups.R
suppressPackageStartupMessages({library(effectsize); library(rstatix); library(boot)})
options(digits = 12)
d <- read.csv("tests/reference/data/compare_survey.csv")
d$country <- factor(d$country, levels = sort(unique(d$country)))
s <- d[!is.na(d$scale), ]

cat("== describe: t interval, quantiles (type 7) per country\n")
for (g in levels(s$country)) {
  x <- s$scale[s$country == g]
  tt <- t.test(x)$conf.int
  cat(g, length(x), mean(x), sd(x), quantile(x, c(0.25, 0.5, 0.75)), tt, "\n")
}
cat("== describe: q1 top-2 box (4, 5), Wilson = prop.test(correct = FALSE)\n")
for (g in levels(d$country)) {
  x <- d$q1[d$country == g & !is.na(d$q1)]
  k <- sum(x %in% c(4, 5))
  cat(g, length(x), k, k / length(x), prop.test(k, length(x), correct = FALSE)$conf.int, "\n")
}
cat("== describe: bootstrap Finland, R = 20000, perc and bca\n")
set.seed(1)
b <- boot(s$scale[s$country == "Finland"], function(x, i) mean(x[i]), R = 20000)
bc <- boot.ci(b, conf = 0.95, type = c("perc", "bca"))
cat("perc", bc$percent[4:5], "bca", bc$bca[4:5], "\n")

cat("== oneway.test var.equal = FALSE\n")
w <- oneway.test(scale ~ country, data = s, var.equal = FALSE)
cat(w$statistic, w$parameter, w$p.value, "\n")
cat("== omega2 from Welch F, two-sided and one-sided CI\n")
print(F_to_omega2(w$statistic, w$parameter[1], w$parameter[2], alternative = "two.sided"), digits = 12)
print(as.data.frame(effectsize(w, type = "omega", alternative = "two.sided")), digits = 12)
cat("== omega2 CI away from zero: F = 8.5 and 2.9 on (3, 54.2458552287)\n")
for (f in c(8.5, 2.9)) {
  o <- F_to_omega2(f, 3, 54.2458552287, alternative = "two.sided")
  cat(f, o$Omega2_partial, o$CI_low, o$CI_high, "\n")
}
# effectsize 0.8.3 finds the noncentrality limits with optim(), which stops short when
# the lower limit is truncated at 0 (F = 2.9: P(F <= F'; ncp) = 0.0235, not 0.025).
# The exact root by uniroot is the reference for that case:
f <- 2.9; df2 <- 54.2458552287
om <- max(0, (f - 1) * 3 / (f * 3 + df2 + 1)); fo <- (om / 3) / ((1 - om) / df2)
u <- uniroot(function(l) pf(fo, 3, df2, ncp = l) - 0.025, c(0, 100), tol = 1e-13)$root
cat("exact upper limit, F = 2.9:", u / (u + df2), "\n")
cat("== Games-Howell (rstatix), full-precision p via ptukey\n")
gh <- games_howell_test(s, scale ~ country, detailed = TRUE)
print(as.data.frame(gh[c("group1", "group2", "n1", "n2", "estimate", "conf.low", "conf.high", "statistic", "df")]), digits = 12)
cat("p:", ptukey(gh$statistic * sqrt(2), 4, gh$df, lower.tail = FALSE), "\n")
cat("Welch t p:", 2 * pt(gh$statistic, gh$df, lower.tail = FALSE), "\n")
cat("Welch t p, Holm:", p.adjust(2 * pt(gh$statistic, gh$df, lower.tail = FALSE), "holm"), "\n")
cat("== Hedges g (pooled_sd = FALSE), group2 - group1\n")
for (i in seq_len(nrow(gh))) {
  g <- hedges_g(s$scale[s$country == gh$group2[i]], s$scale[s$country == gh$group1[i]],
                pooled_sd = FALSE)
  cat(gh$group1[i], gh$group2[i], g$Hedges_g, g$CI_low, g$CI_high, "\n")
}

cat("== kruskal.test and epsilon2\n")
k <- kruskal.test(scale ~ country, data = s)
cat(k$statistic, k$parameter, k$p.value, "\n")
set.seed(2)
print(rank_epsilon_squared(s$scale, s$country, alternative = "two.sided", iterations = 5000), digits = 12)
cat("== Dunn (rstatix), holm and BH\n")
dn <- dunn_test(s, scale ~ country, p.adjust.method = "holm", detailed = TRUE)
print(as.data.frame(dn[c("group1", "group2", "n1", "n2", "estimate", "statistic", "p", "p.adj")]), digits = 12)
cat("BH:", p.adjust(dn$p, "BH"), "\n")
cat("== rank-biserial, group2 vs group1\n")
for (i in seq_len(nrow(dn))) {
  r <- rank_biserial(s$scale[s$country == dn$group2[i]], s$scale[s$country == dn$group1[i]])
  cat(dn$group1[i], dn$group2[i], r$r_rank_biserial, r$CI_low, r$CI_high, "\n")
}

cat("== compare_many: Welch p of q1..q4 and scale, Holm and BH across the family\n")
vars <- c("q1", "q2", "q3", "q4", "scale")
p <- sapply(vars, function(v) oneway.test(as.formula(paste(v, "~ country")), data = d)$p.value)
print(p, digits = 12); print(p.adjust(p, "holm"), digits = 12); print(p.adjust(p, "BH"), digits = 12)
