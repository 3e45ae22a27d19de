package io.dbsync.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.dbsync.git.Changelog;
import io.dbsync.tf.TfJson;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Renders an {@link ExportReport}: a console table, a JSON file, an Excel workbook. */
public final class ReportWriter {
  private static final int MAX_PROBLEMS_ON_CONSOLE = 50;

  private ReportWriter() {}

  /** The console summary: a table per kind, then totals, API usage, changes, failures. */
  public static String table(ExportReport r) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"KIND", "STATUS", "LISTED", "EXPORTED", "FAILED", "SKIPPED", "KEPT"});
    for (KindResult k : r.kinds()) {
      rows.add(new String[] {k.type(), k.status().name(), str(k.listed()), str(k.exported()), str(k.failed()),
          str(k.skipped()), str(k.kept())});
    }
    rows.add(new String[] {"TOTAL", r.hasFailures() ? "FAILURES" : "OK",
        str(r.kinds().stream().mapToInt(KindResult::listed).sum()), str(r.exported()),
        str(r.kinds().stream().mapToInt(KindResult::failed).sum()), str(r.skipped()),
        str(r.kinds().stream().mapToInt(KindResult::kept).sum())});
    int[] w = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        w[i] = Math.max(w[i], row[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int ri = 0; ri < rows.size(); ri++) {
      if (ri == rows.size() - 1) {
        sb.append(line(w)).append('\n');
      }
      String[] row = rows.get(ri);
      for (int i = 0; i < row.length; i++) {
        String cell = row[i];
        String pad = " ".repeat(w[i] - cell.length());
        sb.append(i < 2 ? cell + pad : pad + cell).append(i + 1 < row.length ? "  " : "");
      }
      sb.append('\n');
      if (ri == 0) {
        sb.append(line(w)).append('\n');
      }
    }
    sb.append('\n');
    sb.append("API calls: ").append(r.api().counted()
        ? r.api().calls() + " (" + r.api().throttled() + " throttled with 429)" : "not counted").append('\n');
    sb.append(r.dryRun() ? "Changes (dry run, nothing written to git): " : "Changes: ")
        .append(r.changelog().summary()).append('\n');
    for (Changelog.DirChanges d : r.changelog().dirs()) {
      sb.append("  ").append(d.dir()).append(": +").append(d.added().size()).append(" ~")
          .append(d.modified().size()).append(" -").append(d.removed().size()).append('\n');
    }
    if (r.commit() != null) {
      sb.append("Commit: ").append(r.commit()).append("  tag: ").append(r.tag()).append('\n');
    }
    appendProblems(sb, "Failures", r.failures());
    appendProblems(sb, "Warnings", r.warnings());
    return sb.toString();
  }

  public static void printTable(ExportReport r, PrintStream out) {
    out.print(table(r));
    out.flush();
  }

  public static void writeJson(ExportReport r, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, TfJson.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(r.toJson()) + "\n", StandardCharsets.UTF_8);
  }

  /** A workbook with the sheets Summary, Failures, Warnings and Changes. */
  public static void writeExcel(ExportReport r, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
      CellStyle bold = wb.createCellStyle();
      Font f = wb.createFont();
      f.setBold(true);
      bold.setFont(f);

      Sheet summary = wb.createSheet("Summary");
      header(summary, bold, "Kind", "Config key", "Directory", "Status", "Listed", "Exported", "Failed", "Skipped",
          "Kept", "Listing error");
      int i = 1;
      for (KindResult k : r.kinds()) {
        Row row = summary.createRow(i++);
        row.createCell(0).setCellValue(k.type());
        row.createCell(1).setCellValue(k.configKey());
        row.createCell(2).setCellValue(k.directory());
        row.createCell(3).setCellValue(k.status().name());
        row.createCell(4).setCellValue(k.listed());
        row.createCell(5).setCellValue(k.exported());
        row.createCell(6).setCellValue(k.failed());
        row.createCell(7).setCellValue(k.skipped());
        row.createCell(8).setCellValue(k.kept());
        row.createCell(9).setCellValue(k.listingError() == null ? "" : k.listingError());
      }
      i++;
      keyValue(summary, i++, "Configuration", r.configName());
      keyValue(summary, i++, "Target", r.target());
      keyValue(summary, i++, "Branch", r.branch());
      keyValue(summary, i++, "Dry run", String.valueOf(r.dryRun()));
      keyValue(summary, i++, "Started", r.started().toString());
      keyValue(summary, i++, "Finished", r.finished().toString());
      keyValue(summary, i++, "API calls", r.api().counted() ? String.valueOf(r.api().calls()) : "not counted");
      keyValue(summary, i++, "Throttled (429)", String.valueOf(r.api().throttled()));
      keyValue(summary, i++, "Changes", r.changelog().summary());
      keyValue(summary, i++, "Commit", r.commit() == null ? "" : r.commit());
      keyValue(summary, i, "Tag", r.tag() == null ? "" : r.tag());

      problemSheet(wb.createSheet("Failures"), bold, r.failures());
      problemSheet(wb.createSheet("Warnings"), bold, r.warnings());

      Sheet changes = wb.createSheet("Changes");
      header(changes, bold, "Directory", "Change", "File");
      int ci = 1;
      for (Changelog.DirChanges d : r.changelog().dirs()) {
        ci = changeRows(changes, ci, d.dir(), "added", d.added());
        ci = changeRows(changes, ci, d.dir(), "modified", d.modified());
        ci = changeRows(changes, ci, d.dir(), "removed", d.removed());
      }
      for (int s = 0; s < wb.getNumberOfSheets(); s++) {
        Sheet sh = wb.getSheetAt(s);
        for (int c = 0; c < 4; c++) {
          sh.setColumnWidth(c, 28 * 256);
        }
      }
      wb.write(out);
    }
  }

  private static int changeRows(Sheet sheet, int i, String dir, String change, List<String> files) {
    for (String file : files) {
      Row row = sheet.createRow(i++);
      row.createCell(0).setCellValue(dir);
      row.createCell(1).setCellValue(change);
      row.createCell(2).setCellValue(file);
    }
    return i;
  }

  private static void problemSheet(Sheet sheet, CellStyle bold, List<Problem> problems) {
    header(sheet, bold, "Kind", "Object", "Message");
    int i = 1;
    for (Problem p : problems) {
      Row row = sheet.createRow(i++);
      row.createCell(0).setCellValue(p.type() == null ? "" : p.type());
      row.createCell(1).setCellValue(p.object() == null ? "" : p.object());
      row.createCell(2).setCellValue(p.message());
    }
  }

  private static void header(Sheet sheet, CellStyle bold, String... names) {
    Row row = sheet.createRow(0);
    for (int i = 0; i < names.length; i++) {
      var cell = row.createCell(i);
      cell.setCellValue(names[i]);
      cell.setCellStyle(bold);
    }
  }

  private static void keyValue(Sheet sheet, int i, String key, String value) {
    Row row = sheet.createRow(i);
    row.createCell(0).setCellValue(key);
    row.createCell(1).setCellValue(value == null ? "" : value);
  }

  private static void appendProblems(StringBuilder sb, String title, List<Problem> problems) {
    if (problems.isEmpty()) {
      return;
    }
    sb.append(title).append(" (").append(problems.size()).append("):\n");
    int n = Math.min(problems.size(), MAX_PROBLEMS_ON_CONSOLE);
    for (int i = 0; i < n; i++) {
      sb.append("  ").append(problems.get(i).describe()).append('\n');
    }
    if (problems.size() > n) {
      sb.append("  ... and ").append(problems.size() - n).append(" more (see the JSON report)\n");
    }
  }

  private static String line(int[] w) {
    int total = 0;
    for (int x : w) {
      total += x;
    }
    return "-".repeat(total + 2 * (w.length - 1));
  }

  private static String str(int n) {
    return Integer.toString(n);
  }
}
