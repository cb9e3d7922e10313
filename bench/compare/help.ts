/** The --help text of `npm run compare`: usage, options, verdicts and exit codes in one place. */
import { DEFAULT_THRESHOLD_PCT } from './classify.js';
import { DEFAULT_COMPARE_SETTINGS } from './comparison.js';
import { EXIT } from '../../cli/exit-codes.js';

export const HELP_TEXT = `Usage: npm run compare -- <base.json> <head.json> [options]

Compares two results documents (written by \`npm run bench -- --out FILE\`) and exits non-zero when
head broke correctness or regressed beyond the noise.

Options:
  --threshold METRIC=PCT  Practical threshold for one noisy metric, in percent (repeatable),
                          e.g. --threshold latency_p99_us=20. Defaults: ${DEFAULT_THRESHOLD_PCT.central}% for medians, means
                          and rates; ${DEFAULT_THRESHOLD_PCT.tail}% for p90-p99; ${DEFAULT_THRESHOLD_PCT.extreme}% for p99.9 and max.
  --strict                Exit ${EXIT.inconclusive} when any metric is inconclusive or missing.
  --gate all|exact        all (default): regressions fail with ${EXIT.regression}. exact: only correctness and
                          exact metrics fail; noisy regressions are reported, not gated (for CI
                          machines whose noise must never block a merge).
  --markdown FILE         Write the markdown summary to FILE (it is always printed to stdout,
                          and appended to $GITHUB_STEP_SUMMARY when that is set).
  --bencher FILE          Write head's figures in Bencher Metric Format (BMF) JSON.
  --gab-out PREFIX        Write head's figures for github-action-benchmark:
                          PREFIX-smaller.json (tool customSmallerIsBetter) and
                          PREFIX-bigger.json (tool customBiggerIsBetter).
  -h, --help              Show this text.

How metrics are judged:
  exact   Bytes per message, handshake bytes: must equal base. A change is 'exact-changed',
          which fails the build like a correctness failure (update the baseline if intended).
          Lost, duplicated, reordered and corrupted counts must be 0 in every head run,
          with or without a base. A cell whose runs failed in head but not in base fails too.
  noisy   Latency, throughput, reconnect times: bootstrap over the repeated runs
          (${DEFAULT_COMPARE_SETTINGS.resamples} resamples, ${DEFAULT_COMPARE_SETTINGS.confidence * 100}% interval of median(head)/median(base)) and a
          rank-sum permutation test. 'regressed' needs p < ${DEFAULT_COMPARE_SETTINGS.alpha} and the whole interval beyond
          the threshold; 'pass' needs the interval to exclude a regression of the threshold's
          size; otherwise 'inconclusive' (too noisy or too few runs: use 5 repeats or more).
  info    Reported only, never gated (also any metric with no registered spec).

Exit codes:
  ${EXIT.ok}   pass (inconclusive metrics are listed but do not fail without --strict)
  ${EXIT.correctness}   correctness failure: a must-be-zero count above 0, an exact metric changed,
      or a cell failed in head only
  ${EXIT.usage}   bad usage: unknown option, unreadable file, wrong results schema or version
  ${EXIT.regression}   regression of a noisy metric (the runner confirms it by re-measuring)
  ${EXIT.watchdog}   the head run was stopped by a watchdog (partial results); checked first
  ${EXIT.inconclusive}   inconclusive or missing metrics, with --strict only
  ${EXIT.internal}  internal error in compare
When several apply, the first in this order wins: ${EXIT.watchdog}, ${EXIT.correctness}, ${EXIT.regression}, ${EXIT.inconclusive}.
`;
