package io.dbsync.assess;

import io.dbsync.mapping.Need;
import io.dbsync.mapping.Translation;
import io.dbsync.report.KindResult;
import io.dbsync.report.Problem;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The assessment as one self-contained HTML page: inline CSS, no script, no image, no link to anything
 * outside the file, so it opens from disk, from an e-mail or an artifact store as it is. Every section
 * has an id (summary, kinds, skipped, principals, mapping, secrets, adopted, estimates, warnings,
 * notes) and the summary cards carry data-count attributes, for people and for tests alike.
 */
final class AssessHtml {
  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;color:#1d2433;padding:0 1rem}
      h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d5dae3;padding-bottom:.25rem}
      .meta{color:#59627a;margin:0 0 1rem}
      .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.75rem}
      .card{border:1px solid #d5dae3;border-radius:.5rem;padding:.75rem;background:#f7f9fc}
      .card .n{font-size:1.6rem;font-weight:600}.card .l{color:#59627a;font-size:.85rem}
      .card.bad{border-color:#d9534f;background:#fdf1f0}.card.ok{border-color:#4a9d5b;background:#f1f9f2}
      table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e6e9ef;vertical-align:top}
      th{background:#eef1f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
      .missing{color:#b52b27;font-weight:600}.present{color:#2e7d32}.unknown{color:#8a6d3b}
      .empty{color:#59627a;font-style:italic}code{font-size:.85rem}
      details summary{cursor:pointer;color:#2a5db0}
      """;

  private AssessHtml() {}

  static String page(Assessment a) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>databricks-sync assessment: ").append(esc(a.configName())).append("</title>")
        .append("<style>").append(CSS).append("</style></head><body>\n");
    h.append("<h1>databricks-sync assessment: ").append(esc(a.configName())).append("</h1>\n<p class=\"meta\">Source <code>")
        .append(esc(a.source())).append("</code>").append(a.target() == null ? " (no target given)"
            : " &rarr; target <code>" + esc(a.target()) + "</code>")
        .append(" &middot; ").append(esc(a.started().toString())).append(" &middot; nothing was written</p>\n");
    summary(h, a);
    kinds(h, a);
    skipped(h, a);
    principals(h, a);
    mapping(h, a);
    secrets(h, a);
    adopted(h, a);
    estimates(h, a);
    problems(h, "warnings", "Warnings the export would report", a.warnings());
    problems(h, "failures", "Failures while assessing", a.failures());
    h.append("<section id=\"notes\"><h2>Notes</h2>");
    list(h, a.notes(), "Everything was checked.");
    h.append("</section>\n</body></html>\n");
    return h.toString();
  }

  private static void summary(StringBuilder h, Assessment a) {
    int listed = a.kinds().stream().mapToInt(KindResult::listed).sum();
    int resources = a.resources().values().stream().mapToInt(Integer::intValue).sum();
    int skipped = a.skipped().stream().mapToInt(Assessment.Skip::count).sum();
    long missing = a.principals().stream().filter(p -> p.inTarget() == Assessment.Presence.MISSING).count();
    int adopted = a.adopted().stream().mapToInt(Assessment.Adoption::count).sum();
    h.append("<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">");
    card(h, "objects", listed, "objects listed", null);
    card(h, "resources", resources, "resources exported", null);
    card(h, "skipped", skipped, "skipped by design", null);
    card(h, "principals-missing", missing, "principals missing in the target", missing > 0);
    int needs = a.mapping().translation().needs().size();
    card(h, "mapping-needs", needs, "mapping entries to add", needs > 0);
    card(h, "secrets", a.secrets().secrets(), "secrets without values", null);
    card(h, "adopted", adopted, "already in the target", null);
    card(h, "failures", a.failures().size(), "failures", !a.failures().isEmpty());
    h.append("<div class=\"card\" data-section=\"export-time\"><div class=\"n\">").append(esc(AssessReports.duration(a.export().seconds())))
        .append("</div><div class=\"l\">export, ").append(a.export().totalCalls()).append(" API calls</div></div>");
    h.append("<div class=\"card\" data-section=\"import-time\"><div class=\"n\">").append(esc(AssessReports.duration(a.importing().seconds())))
        .append("</div><div class=\"l\">import, ").append(a.importing().totalCalls()).append(" API calls</div></div>");
    h.append("</div></section>\n");
  }

  private static void card(StringBuilder h, String id, long n, String label, Boolean bad) {
    String cls = bad == null ? "card" : bad ? "card bad" : "card ok";
    h.append("<div class=\"").append(cls).append("\" data-section=\"").append(id).append("\" data-count=\"").append(n)
        .append("\"><div class=\"n\">").append(n).append("</div><div class=\"l\">").append(esc(label)).append("</div></div>");
  }

  private static void kinds(StringBuilder h, Assessment a) {
    h.append("<section id=\"kinds\"><h2>Objects per kind</h2><table><thead><tr><th>Kind</th><th><code>objects:</code> key</th>")
        .append("<th>Listed</th><th>Exported</th><th>Failed</th><th>Status</th></tr></thead><tbody>");
    for (KindResult k : a.kinds()) {
      h.append("<tr data-type=\"").append(esc(k.type())).append("\"><td><code>").append(esc(k.type())).append("</code></td><td>")
          .append(esc(k.configKey())).append("</td>").append(num(k.listed())).append(num(k.exported())).append(num(k.failed()))
          .append("<td>").append(esc(k.listingError() == null ? k.status().name() : "listing failed: " + k.listingError()))
          .append("</td></tr>");
    }
    h.append("</tbody></table><p>Resources:");
    for (Map.Entry<String, Integer> e : a.resources().entrySet()) {
      h.append(" <code>").append(esc(e.getKey())).append("</code>&nbsp;").append(e.getValue());
    }
    h.append("</p></section>\n");
  }

  private static void skipped(StringBuilder h, Assessment a) {
    h.append("<section id=\"skipped\"><h2>Skipped by design</h2>");
    if (a.skipped().isEmpty()) {
      h.append("<p class=\"empty\">Nothing is left out.</p>");
    } else {
      h.append("<table><thead><tr><th>Kind</th><th>Why</th><th>Count</th><th>For example</th></tr></thead><tbody>");
      for (Assessment.Skip s : a.skipped()) {
        h.append("<tr><td><code>").append(esc(s.type())).append("</code></td><td>").append(esc(s.reason())).append("</td>")
            .append(num(s.count())).append("<td>").append(esc(String.join(", ", s.examples()))).append("</td></tr>");
      }
      h.append("</tbody></table>");
    }
    h.append("</section>\n");
  }

  private static void principals(StringBuilder h, Assessment a) {
    h.append("<section id=\"principals\"><h2>Principals the import needs but does not create</h2>");
    if (a.principals().isEmpty()) {
      h.append("<p class=\"empty\">Every principal the configuration names is exported with it.</p>");
    } else {
      h.append("<table><thead><tr><th>Principal</th><th>Kind</th><th>In the target</th><th>Used by</th></tr></thead><tbody>");
      for (Assessment.PrincipalNeed p : a.principals()) {
        String state = p.inTarget().name().toLowerCase(Locale.ROOT);
        h.append("<tr data-principal=\"").append(esc(p.principal())).append("\"><td><code>").append(esc(p.principal()))
            .append("</code></td><td>").append(esc(p.kind())).append("</td><td class=\"").append(state).append("\">")
            .append(state).append("</td><td>");
        addresses(h, p.usedBy());
        h.append("</td></tr>");
      }
      h.append("</tbody></table>");
    }
    h.append("</section>\n");
  }

  private static void mapping(StringBuilder h, Assessment a) {
    Translation t = a.mapping().translation();
    h.append("<section id=\"mapping\"><h2>Mapping for the target: entries to add</h2><p class=\"meta\">")
        .append(esc(AssessReports.mappingLine(a.mapping()))).append("</p>");
    if (t.needs().isEmpty()) {
      h.append("<p class=\"empty\">Nothing needs a mapping entry: node types, cloud attributes, instance profiles, ")
          .append("storage paths and principals fit the target as exported or as mapped.</p>");
    } else {
      h.append("<table><thead><tr><th>What</th><th>Entry to add to the mapping file</th><th>Used by</th></tr></thead><tbody>");
      for (Need n : t.needs()) {
        h.append("<tr class=\"need\"><td>").append(esc(n.what())).append("</td><td><code class=\"entry\">")
            .append(esc(n.entry())).append("</code></td><td>");
        addresses(h, n.where());
        h.append("</td></tr>");
      }
      h.append("</tbody></table>");
    }
    if (!t.applied().isEmpty() || !t.dropped().isEmpty()) {
      h.append("<details><summary>What the mapping changes (").append(t.applied().size()).append(") and leaves out (")
          .append(t.dropped().size()).append(")</summary>");
      list(h, t.applied(), "");
      list(h, t.dropped().stream().map(d -> "left out " + d).toList(), "");
      h.append("</details>");
    }
    h.append("</section>\n");
  }

  private static void secrets(StringBuilder h, Assessment a) {
    Assessment.Secrets s = a.secrets();
    h.append("<section id=\"secrets\"><h2>Secrets without values</h2><p>").append(s.secrets()).append(" secrets in ")
        .append(s.scopes()).append(" scopes become sensitive variables to supply at import, unless the export runs with ")
        .append("<code>--export-secret-values --encrypt-to KEY.asc</code>. Their values would be read by: ")
        .append(esc(s.readableBy())).append(".</p>");
    if (!s.keyVaultScopes().isEmpty()) {
      h.append("<p>Azure Key Vault scopes (secrets stay in the vault): ").append(esc(String.join(", ", s.keyVaultScopes()))).append("</p>");
    }
    h.append("<p>Other sensitive variables without a default (").append(s.otherSensitive().size()).append("):</p>");
    list(h, s.otherSensitive(), "None.");
    h.append("</section>\n");
  }

  private static void adopted(StringBuilder h, Assessment a) {
    h.append("<section id=\"adopted\"><h2>Already in the target (adopted, not created)</h2>");
    if (a.adopted().isEmpty()) {
      h.append("<p class=\"empty\">").append(a.target() == null ? "Not checked: no target workspace was given."
          : "The target has none of the exported objects.").append("</p>");
    } else {
      h.append("<table><thead><tr><th>Folder</th><th>Count</th><th>For example</th></tr></thead><tbody>");
      for (Assessment.Adoption ad : a.adopted()) {
        h.append("<tr><td><code>").append(esc(ad.directory())).append("</code></td>").append(num(ad.count())).append("<td>")
            .append(esc(String.join(", ", ad.examples()))).append("</td></tr>");
      }
      h.append("</tbody></table>");
    }
    h.append("</section>\n");
  }

  private static void estimates(StringBuilder h, Assessment a) {
    h.append("<section id=\"estimates\"><h2>API calls and time at the published rate limits</h2>");
    estimate(h, "export", "Export", a.export());
    estimate(h, "import", "Import into an empty target", a.importing());
    h.append("</section>\n");
  }

  private static void estimate(StringBuilder h, String id, String title, Assessment.Estimate e) {
    h.append("<h3 id=\"estimate-").append(id).append("\">").append(esc(title)).append(": ").append(esc(AssessReports.line(e)))
        .append("</h3><table><thead><tr><th>Family</th><th>Calls</th></tr></thead><tbody>");
    e.calls().forEach((k, n) -> h.append("<tr><td><code>").append(esc(k)).append("</code></td>").append(num(n)).append("</tr>"));
    h.append("</tbody></table><table><thead><tr><th>Limit</th><th>Seconds at the limit</th></tr></thead><tbody>");
    e.secondsByKey().forEach((k, s) -> h.append("<tr><td><code>").append(esc(k)).append("</code></td><td class=\"num\">")
        .append(AssessJson.round(s)).append("</td></tr>"));
    h.append("</tbody></table>");
    list(h, e.notes(), "");
  }

  private static void problems(StringBuilder h, String id, String title, List<Problem> problems) {
    h.append("<section id=\"").append(id).append("\"><h2>").append(esc(title)).append(" (").append(problems.size()).append(")</h2>");
    list(h, problems.stream().map(Problem::describe).toList(), "None.");
    h.append("</section>\n");
  }

  private static void addresses(StringBuilder h, List<String> addresses) {
    h.append(esc(String.join(", ", AssessReports.limit(addresses, 3))));
    if (addresses.size() > 3) {
      h.append("<details><summary>all ").append(addresses.size()).append("</summary>")
          .append(esc(String.join(", ", addresses))).append("</details>");
    }
  }

  private static void list(StringBuilder h, List<String> items, String empty) {
    if (items.isEmpty()) {
      if (!empty.isEmpty()) {
        h.append("<p class=\"empty\">").append(esc(empty)).append("</p>");
      }
      return;
    }
    h.append("<ul>");
    items.forEach(i -> h.append("<li>").append(esc(i)).append("</li>"));
    h.append("</ul>");
  }

  private static String num(long n) {
    return "<td class=\"num\">" + n + "</td>";
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
