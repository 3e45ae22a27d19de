package io.dbsync.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.git.Changelog;
import io.dbsync.tf.TfJson;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one export run did: per-kind counts, failures, warnings, API usage and the changes it
 * made (or, in a dry run, would make) to the repository.
 *
 * @param commit null when nothing was committed (dry run, or no changes)
 * @param tag    null when nothing was committed
 */
public record ExportReport(String configName, String target, String branch, boolean dryRun,
                           Instant started, Instant finished, List<KindResult> kinds, List<Problem> failures,
                           List<Problem> warnings, ApiUsage api, Changelog changelog, String commit, String tag) {

  public int exported() {
    return kinds.stream().mapToInt(KindResult::exported).sum();
  }

  public int failed() {
    return failures.size();
  }

  public int skipped() {
    return kinds.stream().mapToInt(KindResult::skipped).sum();
  }

  public boolean hasFailures() {
    return !failures.isEmpty();
  }

  /** True when every kind listed and every object exported (the CLI's exit status). */
  public boolean success() {
    return !hasFailures();
  }

  public Duration duration() {
    return Duration.between(started, finished);
  }

  public ObjectNode toJson() {
    ObjectNode n = TfJson.object();
    n.put("name", configName);
    n.put("target", target);
    n.put("branch", branch);
    n.put("dry_run", dryRun);
    n.put("started", started.toString());
    n.put("finished", finished.toString());
    n.put("duration_ms", duration().toMillis());
    ObjectNode totals = n.putObject("totals");
    totals.put("exported", exported());
    totals.put("failed", failed());
    totals.put("skipped", skipped());
    ArrayNode ks = n.putArray("kinds");
    for (KindResult k : kinds) {
      ObjectNode o = ks.addObject();
      o.put("type", k.type());
      o.put("config_key", k.configKey());
      o.put("directory", k.directory());
      o.put("status", k.status().name());
      o.put("listed", k.listed());
      o.put("exported", k.exported());
      o.put("failed", k.failed());
      o.put("skipped", k.skipped());
      o.put("kept", k.kept());
      if (k.listingError() != null) {
        o.put("listing_error", k.listingError());
      }
    }
    n.set("failures", problems(failures));
    n.set("warnings", problems(warnings));
    ObjectNode a = n.putObject("api");
    a.put("counted", api.counted());
    a.put("calls", api.calls());
    a.put("throttled", api.throttled());
    a.put("server_errors", api.serverErrors());
    a.put("transport_errors", api.transportErrors());
    ObjectNode c = n.putObject("changes");
    c.put("summary", changelog.summary());
    c.put("added", changelog.added());
    c.put("modified", changelog.modified());
    c.put("removed", changelog.removed());
    c.put("bookkeeping", changelog.bookkeeping());
    ArrayNode dirs = c.putArray("by_directory");
    for (Changelog.DirChanges d : changelog.dirs()) {
      ObjectNode o = dirs.addObject();
      o.put("directory", d.dir());
      d.added().forEach(o.withArray("added")::add);
      d.modified().forEach(o.withArray("modified")::add);
      d.removed().forEach(o.withArray("removed")::add);
    }
    if (commit != null) {
      n.put("commit", commit);
    }
    if (tag != null) {
      n.put("tag", tag);
    }
    return n;
  }

  private static ArrayNode problems(List<Problem> list) {
    ArrayNode arr = TfJson.array();
    for (Problem p : list) {
      ObjectNode o = arr.addObject();
      if (p.type() != null) {
        o.put("type", p.type());
      }
      if (p.object() != null) {
        o.put("object", p.object());
      }
      o.put("message", p.message());
    }
    return arr;
  }
}
