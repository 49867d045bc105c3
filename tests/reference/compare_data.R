# Simulated survey used by tests/test_compare.py and tests/test_privacy.py.
# R 4.2.2, base R only. Run from the repository root:
#   Rscript tests/reference/compare_data.R
# Writes tests/reference/data/compare_survey.csv: 4 countries with unequal n and
# variances, 3 respondent groups, four 5-point agreement items (q1-q4, coded 1-5, some
# missing), their scale score (item mean, at least 3 valid items) and three
# multi-select options (1 = selected, 0 = not selected, empty = not answered).
set.seed(20261128)
countries <- c(Finland = 38, Estonia = 27, Latvia = 21, Netherlands = 34)
shift <- c(Finland = 0.6, Estonia = 0.0, Latvia = -0.4, Netherlands = 0.3)
spread <- c(Finland = 0.7, Estonia = 1.1, Latvia = 1.5, Netherlands = 0.9)
roles <- c("student", "teacher", "trainer")
role_shift <- c(student = 0, teacher = 0.4, trainer = -0.2)
rows <- list()
for (country in names(countries)) {
  n <- countries[[country]]
  role <- sample(roles, n, replace = TRUE, prob = c(0.6, 0.2, 0.2))
  latent <- rnorm(n, 3 + shift[[country]] + role_shift[role], spread[[country]])
  items <- sapply(1:4, function(j) {
    pmin(5, pmax(1, round(latent + rnorm(n, 0, 0.7))))
  })
  items[matrix(runif(n * 4) < 0.06, n, 4)] <- NA
  colnames(items) <- paste0("q", 1:4)
  p_opt <- plogis(c(0.5, -0.8, 0) + c(shift[[country]], -shift[[country]], 0))
  opts <- sapply(p_opt, function(p) as.integer(runif(n) < p))
  opts[matrix(runif(n * 3) < 0.05, n, 3)] <- NA
  colnames(opts) <- c("opt_mentor", "opt_digital", "opt_feedback")
  rows[[country]] <- data.frame(country = country, role = role, items, opts)
}
survey <- do.call(rbind, rows)
valid <- rowSums(!is.na(survey[paste0("q", 1:4)]))
survey$scale <- ifelse(valid >= 3, rowMeans(survey[paste0("q", 1:4)], na.rm = TRUE), NA)
survey <- survey[c("country", "role", paste0("q", 1:4), "scale",
                   "opt_mentor", "opt_digital", "opt_feedback")]
write.csv(survey, "tests/reference/data/compare_survey.csv", row.names = FALSE, na = "")
print(table(survey$country, survey$role))
print(aggregate(scale ~ country, survey, function(x) c(n = length(x), m = mean(x), s = sd(x))))
