package io.dbsync.assess;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.mapping.Need;
import io.dbsync.mapping.Translation;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The assessment's three outputs: a console summary, a JSON document and a self-contained HTML page. */
public final class AssessReports {
  private AssessReports() {}

  public static ObjectNode json(Assessment a) {
    return AssessJson.of(a);
  }

  public static void writeJson(Assessment a, Path file) throws IOException {
    write(file, TfJson.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json(a)) + "\n");
  }

  public static String html(Assessment a) {
    return AssessHtml.page(a);
  }

  public static void writeHtml(Assessment a, Path file) throws IOException {
    write(file, html(a));
  }

  /** The summary a person reads in the terminal: one line per section, the details in the files. */
  public static void printSummary(Assessment a, PrintStream out) {
    out.println("Assessment of " + a.source() + (a.target() == null ? "" : " -> " + a.target())
        + " (config '" + a.configName() + "'; nothing was written)");
    int listed = a.kinds().stream().mapToInt(k -> k.listed()).sum();
    int resources = a.resources().values().stream().mapToInt(Integer::intValue).sum();
    out.printf(Locale.ROOT, "  Objects: %d listed in %d kinds, %d resources%n", listed, a.kinds().size(), resources);
    for (var k : a.kinds()) {
      out.printf(Locale.ROOT, "    %-40s %6d%s%n", k.type(), k.listed(),
          k.listingError() == null ? "" : "  listing failed: " + k.listingError());
    }
    int skipped = a.skipped().stream().mapToInt(Assessment.Skip::count).sum();
    out.println("  Skipped by design: " + skipped);
    a.skipped().forEach(s -> out.println("    " + s.count() + " " + s.type() + ": " + s.reason()));
    long missing = a.principals().stream().filter(p -> p.inTarget() == Assessment.Presence.MISSING).count();
    out.println("  Principals the import needs but does not create: " + a.principals().size()
        + (a.target() == null ? " (no target to check)" : ", " + missing + " missing in the target"));
    a.principals().stream().filter(p -> p.inTarget() != Assessment.Presence.PRESENT)
        .forEach(p -> out.println("    " + p.principal() + " (" + p.kind() + ", " + p.inTarget().name().toLowerCase(Locale.ROOT)
            + "): " + String.join(", ", p.usedBy().stream().limit(3).toList()) + (p.usedBy().size() > 3 ? ", ..." : "")));
    Translation t = a.mapping().translation();
    out.println("  Mapping (" + mappingLine(a.mapping()) + "): " + t.applied().size() + " kinds of change, "
        + t.dropped().size() + " resources left out, " + t.needs().size() + " entries to add");
    t.dropped().forEach(d -> out.println("    left out " + d));
    for (Need n : t.needs()) {
      out.println("    " + n.what() + " (" + String.join(", ", limit(n.where(), 3)) + (n.where().size() > 3 ? ", ..." : "")
          + "); add: " + n.entry());
    }
    Assessment.Secrets s = a.secrets();
    out.println("  Secrets without values: " + s.secrets() + " in " + s.scopes() + " scopes (values: " + s.readableBy() + ")"
        + (s.otherSensitive().isEmpty() ? "" : "; other sensitive variables: " + s.otherSensitive().size()));
    int adopted = a.adopted().stream().mapToInt(Assessment.Adoption::count).sum();
    out.println("  Already in the target (adopted): " + (a.target() == null ? "no target" : adopted));
    out.println("  Export: " + line(a.export()));
    out.println("  Import: " + line(a.importing()));
    if (!a.failures().isEmpty()) {
      out.println("  Failures: " + a.failures().size());
      a.failures().forEach(p -> out.println("    " + p.describe()));
    }
    if (!a.warnings().isEmpty()) {
      out.println("  Warnings: " + a.warnings().size());
    }
    a.notes().forEach(n -> out.println("  Note: " + n));
    out.flush();
  }

  /** "aws -> azure, mapping.yaml": the clouds (when known) and the mapping file (or that none was given). */
  static String mappingLine(Assessment.MappingReview m) {
    Translation t = m.translation();
    String clouds = (t.sourceCloud() == null ? "?" : t.sourceCloud().id()) + " -> "
        + (t.targetCloud() == null ? "?" : t.targetCloud().id());
    return clouds + ", " + (m.file() == null ? "no mapping file" : m.file());
  }

  static String line(Assessment.Estimate e) {
    return e.totalCalls() + " API calls, about " + duration(e.seconds())
        + (e.slowestKey() == null ? "" : " (published limits: " + duration(e.rateBoundSeconds()) + ", slowest " + e.slowestKey() + ")");
  }

  static String duration(double seconds) {
    Duration d = Duration.ofMillis(Math.round(seconds * 1000));
    if (d.toHours() > 0) {
      return d.toHours() + " h " + d.toMinutesPart() + " min";
    }
    if (d.toMinutes() > 0) {
      return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }
    return String.format(Locale.ROOT, "%.1f s", seconds);
  }

  private static void write(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static List<String> limit(List<String> values, int n) {
    return values.size() <= n ? values : values.subList(0, n);
  }
}
