# Reference values of the studentized range for tests/test_compare_all.py (ptukey and
# qtukey of techvet_survey._stats.tukey).
# R 4.2.2 Patched (2022-11-10 r83330), base stats only.
# R's ptukey is accurate to ~1e-9 for 12 <= df <= 1000 (checked against the k = 2
# closed form sqrt(2) * |t|); it is off by up to 1e-4 at df = 2 and 1e-8 at df = 2e4,
# and qtukey stops its secant search at steps below 1e-4, so these are the only
# values compared at 1e-8 (qtukey with tol = 1e-4 in Python, as R iterates).
options(digits = 15)
grid <- expand.grid(q = c(0.5, 2.5, 3.5, 4.5, 8), k = c(2, 4, 10), df = c(12, 40, 150, 1000))
grid$upper <- ptukey(grid$q, grid$k, grid$df, lower.tail = FALSE)
cat("ptukey (upper tail)\n")
for (i in seq_len(nrow(grid))) cat(sprintf("(%g, %g, %g, %.15g),\n", grid$q[i], grid$k[i], grid$df[i], grid$upper[i]))
quant <- expand.grid(p = c(0.5, 0.95, 0.99), k = c(2, 4, 6), df = c(12, 40, 1000))
quant$q <- qtukey(quant$p, quant$k, quant$df)
cat("qtukey\n")
for (i in seq_len(nrow(quant))) cat(sprintf("(%g, %g, %g, %.15g),\n", quant$p[i], quant$k[i], quant$df[i], quant$q[i]))
