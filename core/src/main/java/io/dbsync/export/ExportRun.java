package io.dbsync.export;

import io.dbsync.client.Clients;
import io.dbsync.client.CountingHttpClient;
import io.dbsync.git.BlobPrestage;
import io.dbsync.git.Changelog;
import io.dbsync.git.GitTarget;
import io.dbsync.git.GitWorkspace;
import io.dbsync.git.SshAuth;
import io.dbsync.lock.LockInfo;
import io.dbsync.report.ApiUsage;
import io.dbsync.report.ExportReport;
import io.dbsync.report.KindResult;
import io.dbsync.report.Problem;
import io.dbsync.report.ReportWriter;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The export command as a library call: open the git target on the branch, export the workspace
 * into its exports/ folder, commit + tag (+ push for SSH) when something changed, and report.
 *
 * <pre>{@code
 * ExportReport r = ExportRun.run(ExportOptions.builder(client, config, GitTarget.parse(url))
 *     .branch("main").dryRun(false).sshKey(key).excelReport(Path.of("report.xlsx")).build());
 * }</pre>
 */
public final class ExportRun {
  public static final String EXPORTS = ExportPaths.EXPORTS;

  private ExportRun() {}

  public static ExportReport run(ExportOptions o) throws IOException, InterruptedException {
    Instant started = o.clock().instant();
    Optional<CountingHttpClient> counter = Clients.counter(o.client());
    CountingHttpClient.Snapshot before = counter.map(CountingHttpClient::snapshot).orElse(null);

    ExportOutcome outcome;
    Changelog changelog;
    GitWorkspace.Committed committed = null;
    String branch;
    List<Problem> notices = new ArrayList<>();
    try (SshAuth auth = o.target() instanceof GitTarget.Ssh ? SshAuth.of(o.sshDirectory(), o.sshKey()) : null;
         GitWorkspace ws = GitWorkspace.open(o.target(), o.branch(), o.dryRun(), auth,
             LockInfo.forThisProcess(o.who(), "export"))) {
      branch = ws.branch();
      ws.notices().forEach(n -> notices.add(new Problem(null, null, n)));
      keepOrDiscardLocalChanges(o, ws, notices);
      // the blobs of what the export writes go into the repository while the export waits on the API
      try (BlobPrestage prestage = ws.prestage()) {
        Exporter exporter = new Exporter(o.client(), o.config(), o.kinds(), o.parallelism(), o.listener(),
            o.providerVersion(), o.safeguards()).secretValues(o.secretValues()).onFileWritten(prestage::written);
        try {
          outcome = exporter.export(ws.workTree().resolve(EXPORTS));
        } catch (MassDeletionException e) {
          ws.discard(EXPORTS); // nothing of this run stays in the work tree
          throw e;
        }
        changelog = ws.stage(EXPORTS, prestage);
      }
      if (!o.dryRun() && !changelog.isEmpty()) {
        committed = ws.commit(EXPORTS, commitMessage(o, outcome, changelog), o.clock().instant());
        if (committed.upkeepNotice() != null) {
          notices.add(new Problem(null, null, committed.upkeepNotice()));
        }
      }
    }
    notices.addAll(outcome.warnings());

    ApiUsage api = counter.map(c -> ApiUsage.of(c.snapshot().minus(before))).orElse(ApiUsage.NOT_COUNTED);
    ExportReport report = new ExportReport(o.config().name(), o.target().describe(), branch, o.dryRun(), started,
        o.clock().instant(), outcome.kinds(), outcome.failures(), List.copyOf(notices), api, changelog,
        committed == null ? null : committed.commitId(), committed == null ? null : committed.tag());
    if (o.out() != null) {
      ReportWriter.printTable(report, o.out());
    }
    if (o.jsonReport() != null) {
      ReportWriter.writeJson(report, o.jsonReport());
    }
    if (o.excelReport() != null) {
      ReportWriter.writeExcel(report, o.excelReport());
    }
    return report;
  }

  /**
   * Uncommitted edits under exports/ of a local repository would be overwritten by the export
   * (review D19): stop naming them, or with discardLocalChanges put the folder back to HEAD first.
   */
  private static void keepOrDiscardLocalChanges(ExportOptions o, GitWorkspace ws, List<Problem> notices)
      throws LocalChangesException {
    List<String> dirty = ws.uncommitted(EXPORTS);
    if (dirty.isEmpty()) {
      return;
    }
    if (!o.discardLocalChanges()) {
      throw new LocalChangesException(dirty);
    }
    ws.discard(EXPORTS);
    notices.add(new Problem(null, null, "discarded " + dirty.size() + " uncommitted change(s) under " + EXPORTS
        + "/ (--force): " + LocalChangesException.sample(dirty)));
  }

  static String commitMessage(ExportOptions o, ExportOutcome outcome, Changelog changelog) {
    StringBuilder sb = new StringBuilder("databricks-sync export '").append(o.config().name()).append("': ")
        .append(changelog.summary()).append("\n\n").append(changelog.toText());
    long listingFailures = outcome.kinds().stream().filter(k -> k.status() == KindResult.Status.LIST_FAILED).count();
    if (outcome.hasFailures()) {
      sb.append("\n").append(outcome.failures().size()).append(" failure(s)");
      if (listingFailures > 0) {
        sb.append(", ").append(listingFailures).append(" kind(s) not listed (previous files kept)");
      }
      sb.append(":\n");
      outcome.failures().stream().limit(20).map(Problem::describe).forEach(l -> sb.append("  ").append(l).append('\n'));
    }
    return sb.toString();
  }
}
