package io.dbsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.apply.ActionFailure;
import io.dbsync.apply.AppliedAction;
import io.dbsync.importer.ImportResult;
import io.dbsync.plan.Plan;
import io.dbsync.report.ExportReport;
import io.dbsync.tf.TfJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The --output json documents: what a pipeline needs to know about an export or an import run. */
final class RunSummaries {
  private RunSummaries() {}

  /** The export report (counts per kind, failures, warnings, API usage, changes, commit, tag) and where its files went. */
  static ObjectNode export(ExportReport report, Path reportFile, Path excelFile) {
    ObjectNode doc = report.toJson();
    doc.put("command", "export");
    doc.put("success", report.success());
    putFile(doc, "report_file", reportFile);
    putFile(doc, "excel_report_file", excelFile);
    return doc;
  }

  /**
   * @param revision the imported commit (null for --destroy)
   * @param applying whether --apply was given (else the plan only)
   */
  static ObjectNode importRun(ImportResult result, String source, String revision, String state, Path planFile,
                              boolean applying) {
    ObjectNode doc = TfJson.object();
    doc.put("command", "import");
    doc.put("success", result.success());
    doc.put("source", source);
    if (revision != null) {
      doc.put("revision", revision);
    }
    doc.put("state", state);
    doc.put("apply", applying);
    Plan plan = result.plan();
    ObjectNode p = doc.putObject("plan");
    p.put("add", plan.toAdd());
    p.put("change", plan.toChange());
    p.put("destroy", plan.toDestroy());
    p.put("import", plan.toImport());
    p.put("release", plan.toRelease());
    p.put("has_changes", plan.hasChanges());
    putFile(doc, "plan_file", planFile);
    ArrayNode applied = doc.putArray("applied");
    for (AppliedAction a : result.applied()) {
      ObjectNode o = applied.addObject();
      o.put("address", a.address());
      o.put("action", a.action().name().toLowerCase(Locale.ROOT));
      if (a.id() != null) {
        o.put("id", a.id());
      }
    }
    ArrayNode failures = doc.putArray("failures");
    for (ActionFailure f : result.failures()) {
      ObjectNode o = failures.addObject();
      o.put("address", f.address());
      o.put("action", f.action().name().toLowerCase(Locale.ROOT));
      o.put("message", f.message());
      if (f.blockedBy() != null) {
        o.put("blocked_by", f.blockedBy());
      }
    }
    ArrayNode warnings = doc.putArray("warnings");
    result.warnings().forEach(warnings::add);
    return doc;
  }

  private static void putFile(ObjectNode doc, String key, Path file) {
    if (file != null && Files.exists(file)) {
      doc.put(key, file.toAbsolutePath().normalize().toString());
    } else {
      doc.putNull(key);
    }
  }
}
