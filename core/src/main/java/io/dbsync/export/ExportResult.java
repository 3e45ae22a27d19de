package io.dbsync.export;

import io.dbsync.git.Changelog;
import io.dbsync.report.ExportReport;

/** What {@link ExportRun#run} returns: the report, and the commit and tag when one was made. */
public record ExportResult(ExportReport report) {
  /** The new commit id, or null (dry run, or nothing changed). */
  public String commit() {
    return report.commit();
  }

  /** The tag on the new commit, or null. */
  public String tag() {
    return report.tag();
  }

  public Changelog changelog() {
    return report.changelog();
  }

  /** True when every kind listed and every object exported (the CLI's exit status). */
  public boolean success() {
    return !report.hasFailures();
  }
}
