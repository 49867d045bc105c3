# Reference values for techvet_survey.dif Mantel-Haenszel DIF (R 4.2.2, stats only;
# difR is not packaged for Debian, so its algorithm is written out with mantelhaen.test).
#   Rscript tests/reference/dif_mantel_haenszel.R
# Matching criterion: total score over the anchor items plus the studied item (difR's
# rule); strata where one group is absent are dropped (they carry no information and
# mantelhaen.test refuses strata of size 1).
options(digits = 12)
two <- read.csv("tests/reference/data/dif_two_groups.csv")
items <- sprintf("q%02d", 1:12)

mh_item <- function(data, item, anchor, group, focal, reference) {
  score <- rowSums(data[, union(anchor, item), drop = FALSE])
  g <- factor(data[[group]], levels = c(reference, focal))
  y <- factor(data[[item]], levels = c(1, 0))
  tab <- table(g, y, score)
  keep <- apply(tab, 3, function(s) all(rowSums(s) > 0))
  test <- mantelhaen.test(tab[, , keep], exact = FALSE, correct = TRUE)
  se_log_or <- (log(test$conf.int[2]) - log(test$estimate)) / qnorm(0.975)
  c(alpha = unname(test$estimate), chi2 = unname(test$statistic),
    p = test$p.value, se_delta = 2.35 * se_log_or)
}

mh_all <- function(data, anchor_of) {
  t(sapply(items, function(it) mh_item(data, it, anchor_of(it), "group", "foc", "ref")))
}

cat("== no purification ==\n")
plain <- mh_all(two, function(it) items)
print(plain, digits = 12)

cat("== purification (difR loop: flag p < .05, re-match on unflagged + studied item) ==\n")
flag <- rep(FALSE, length(items))
for (iteration in 1:10) {
  res <- mh_all(two, function(it) items[!flag])
  new_flag <- res[, "p"] < 0.05
  if (all(new_flag == flag)) break
  flag <- new_flag
}
cat("iterations:", iteration, " flagged:", items[flag], "\n")
print(cbind(res, p_holm = p.adjust(res[, "p"], "holm")), digits = 12)

cat("== generalised MH, 2 x 3 x K tables (three groups, no purification) ==\n")
three <- read.csv("tests/reference/data/dif_three_groups.csv")
items3 <- sprintf("q%02d", 1:10)
gmh <- t(sapply(items3, function(it) {
  score <- rowSums(three[, items3])
  tab <- table(factor(three[[it]], levels = c(1, 0)),
               factor(three$group, levels = c("fi", "et", "lv")), score)
  keep <- apply(tab, 3, sum) > 1
  test <- mantelhaen.test(tab[, , keep])
  c(chi2 = unname(test$statistic), df = unname(test$parameter), p = test$p.value)
}))
print(gmh, digits = 12)
