package io.dbsync.bench;

import io.dbsync.report.KindResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Renders benchmark results as markdown tables (the same text goes to stdout and to the results file). */
public final class MarkdownReport {
  /**
   * Which export config key's objects an emulator family's calls are spent on, for "calls per
   * object". permissions and unknown families are divided by every exported object.
   */
  static final Map<String, String> FAMILY_KEY = Map.ofEntries(
      Map.entry("scim", "identity"), Map.entry("workspace", "notebook"), Map.entry("dbfs", "dbfs_file"),
      Map.entry("secrets", "secret"), Map.entry("clusters", "cluster"), Map.entry("libraries", "cluster"),
      Map.entry("jobs", "job"), Map.entry("policies", "cluster_policy"), Map.entry("instance-pools", "instance_pool"),
      Map.entry("instance-profiles", "instance_profile"), Map.entry("global-init-scripts", "global_init_script"),
      Map.entry("sql", "metastore"));

  private MarkdownReport() {}

  public static String render(String machine, String command, List<BenchRun.Result> results) {
    StringBuilder md = new StringBuilder();
    md.append("Machine: ").append(machine).append("  \nCommand: `").append(command).append("`\n");
    for (BenchRun.Result r : results) {
      scenario(md, r);
    }
    return md.toString();
  }

  private static void scenario(StringBuilder md, BenchRun.Result r) {
    Scenario s = r.scenario();
    md.append("\n### Scenario `").append(s.name()).append("`: ").append(s.description()).append("\n\n");
    md.append("Source: ").append(r.population().describe()).append(".\n\n");
    r.notes().forEach(n -> md.append(n).append("\n\n"));
    md.append("| phase | result | parallelism | objects | changes | wall s | API calls | calls/object | 429s | writes "
        + "| latency floor s | rate floor s | wall / floor | state KiB | live heap MiB: peak / end |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (PhaseResult p : r.phases()) {
      md.append("| ").append(p.phase()).append(" | ").append(status(p)).append(" | ").append(p.parallelism()).append(" | ").append(p.objects())
          .append(" | ").append(p.changes()).append(" | ").append(secs(p.wallMillis())).append(" | ")
          .append(p.clientCalls()).append(" | ").append(fmt(p.callsPerObject())).append(" | ")
          .append(p.clientThrottled()).append(" | ").append(p.serverWrites()).append(" | ")
          .append(s.latencyMillis() == 0 ? "-" : secs(p.latencyFloorMillis())).append(" | ")
          .append(p.rateFloorFamily() == null ? "-" : secs(p.rateFloorMillis()) + " (" + p.rateFloorFamily() + ")")
          .append(" | ").append(p.floorMillis() == 0 ? "-" : fmt((double) p.wallMillis() / p.floorMillis()))
          .append(" | ").append(p.stateBytes() == 0 ? "-" : Long.toString(p.stateBytes() / 1024))
          .append(" | ").append(p.liveHeapBytes() / (1024 * 1024))
          .append(" / ").append(p.retainedHeapBytes() / (1024 * 1024)).append(" |\n");
    }
    statements(md, r);
    kinds(md, r.kinds());
    families(md, r);
    routes(md, r);
    problems(md, r);
  }

  /** Metastore SQL per phase, when the scenario ran any: all statements, and those that write. */
  private static void statements(StringBuilder md, BenchRun.Result r) {
    if (r.phases().stream().allMatch(p -> p.sqlStatements() == 0)) {
      return;
    }
    md.append("\nMetastore SQL statements (run by the emulator, through warehouse or cluster):\n\n"
        + "| phase | statements | per object | writes (not SHOW/DESCRIBE/USE) |\n|---|---:|---:|---:|\n");
    for (PhaseResult p : r.phases()) {
      md.append("| ").append(label(p)).append(" | ").append(p.sqlStatements()).append(" | ")
          .append(p.objects() == 0 ? "-" : fmt((double) p.sqlStatements() / p.objects())).append(" | ")
          .append(p.sqlWrites()).append(" |\n");
    }
  }

  private static void kinds(StringBuilder md, List<KindResult> kinds) {
    md.append("\nExported per kind (last export of the scenario):\n\n| kind | config key | listed | exported | failed "
        + "| skipped |\n|---|---|---:|---:|---:|---:|\n");
    for (KindResult k : kinds) {
      md.append("| ").append(k.type()).append(" | ").append(k.configKey()).append(" | ").append(k.listed())
          .append(" | ").append(k.exported()).append(" | ").append(k.failed()).append(" | ").append(k.skipped())
          .append(k.listingError() == null ? "" : " (listing failed: " + oneLine(k.listingError()) + ")")
          .append(" |\n");
    }
  }

  /** Requests per emulator family per phase, and per object of the kinds the family serves. */
  private static void families(StringBuilder md, BenchRun.Result r) {
    Map<String, Integer> objectsPerKey = new LinkedHashMap<>();
    int allObjects = 0;
    for (KindResult k : r.kinds()) {
      objectsPerKey.merge(k.configKey(), k.exported(), Integer::sum);
      allObjects += k.exported();
    }
    List<PhaseResult> phases = r.phases();
    TreeSet<String> families = new TreeSet<>();
    phases.forEach(p -> families.addAll(p.byFamily().keySet()));
    md.append("\nRequests per API family (server side, 429s excluded) and per exported object of the kinds it serves:\n\n");
    md.append("| family | objects |");
    for (PhaseResult p : phases) {
      md.append(' ').append(label(p)).append(" | per object |");
    }
    md.append("\n|---|---:|");
    md.append("---:|---:|".repeat(phases.size()));
    md.append('\n');
    for (String f : families) {
      String key = FAMILY_KEY.get(f);
      int objects = key == null ? allObjects : objectsPerKey.getOrDefault(key, 0);
      md.append("| ").append(f).append(" | ").append(objects).append(key == null ? " (all)" : " (" + key + ")")
          .append(" |");
      for (PhaseResult p : phases) {
        long n = p.byFamily().getOrDefault(f, 0L);
        md.append(' ').append(n).append(" | ").append(objects == 0 ? "-" : fmt((double) n / objects)).append(" |");
      }
      md.append('\n');
    }
  }

  /** The routes that dominate the first phase of each name (export, import, re-import) of a scenario. */
  private static void routes(StringBuilder md, BenchRun.Result r) {
    Map<String, PhaseResult> firstOfEach = new LinkedHashMap<>();
    r.phases().forEach(p -> firstOfEach.putIfAbsent(p.phase(), p));
    List<PhaseResult> shown = new ArrayList<>(firstOfEach.values());
    for (PhaseResult p : shown) {
      md.append("\nTop routes, ").append(label(p)).append(":\n\n| route | requests |\n|---|---:|\n");
      p.byRoute().entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
          .limit(25)
          .forEach(e -> md.append("| `").append(e.getKey()).append("` | ").append(e.getValue()).append(" |\n"));
    }
  }

  private static void problems(StringBuilder md, BenchRun.Result r) {
    boolean header = false;
    for (PhaseResult p : r.phases()) {
      for (String problem : p.problems()) {
        if (!header) {
          md.append("\nProblems reported (first 10 per phase):\n\n");
          header = true;
        }
        md.append("- ").append(label(p)).append(": ").append(oneLine(problem)).append('\n');
      }
    }
  }

  private static String status(PhaseResult p) {
    if (p.problems().isEmpty()) {
      return "ok";
    }
    return p.problems().stream().anyMatch(x -> x.startsWith("ABORTED")) ? "**aborted**" : "**failures**";
  }

  private static String label(PhaseResult p) {
    return p.phase().equals("export") ? "export p" + p.parallelism() : p.phase();
  }

  private static String oneLine(String s) {
    String line = s.replace('\n', ' ').replace('|', '/');
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  static String secs(long millis) {
    return String.format(Locale.ROOT, "%.2f", millis / 1000.0);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
