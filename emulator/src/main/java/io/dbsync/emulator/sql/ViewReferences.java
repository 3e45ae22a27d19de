package io.dbsync.emulator.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tables and views a view's query reads, as Spark's analyzer resolves them when the view is
 * created: every relation after FROM or JOIN (and after the commas of a FROM list), qualified or
 * not, backquoted or not. Subqueries in parentheses are walked, table-valued functions ({@code
 * range(10)}) and files read by path ({@code delta.`/mnt/x`}) are not relations, and names a WITH
 * clause defines are not looked up in the metastore. Unqualified names resolve in the current database of the creating session.
 */
final class ViewReferences {
  private ViewReferences() {}

  /** {db, name} of each relation, in first-mention order, without duplicates. */
  static List<String[]> of(String query, String currentDatabase) {
    List<SqlTokens.Token> t = SqlTokens.lex(query);
    Set<String> cteNames = new LinkedHashSet<>();
    for (int i = 0; i + 2 < t.size(); i++) {
      if (t.get(i).isName() && t.get(i + 1).is("AS") && t.get(i + 2).isSymbol('(')
          && (i == 0 || t.get(i - 1).is("WITH") || t.get(i - 1).isSymbol(',') || t.get(i - 1).is("RECURSIVE"))) {
        cteNames.add(t.get(i).name());
      }
    }
    Set<String> seen = new LinkedHashSet<>();
    List<String[]> out = new ArrayList<>();
    // per parenthesis level: whether its SELECT began, and whether its FROM clause is still open
    java.util.ArrayDeque<Boolean> selectAtLevel = new java.util.ArrayDeque<>(List.of(false));
    java.util.ArrayDeque<Boolean> fromOpen = new java.util.ArrayDeque<>(List.of(false));
    for (int i = 0; i < t.size(); i++) {
      SqlTokens.Token tok = t.get(i);
      boolean startsRelation = false;
      if (tok.isSymbol('(')) {
        selectAtLevel.push(false);
        fromOpen.push(false);
      } else if (tok.isSymbol(')') && selectAtLevel.size() > 1) {
        selectAtLevel.pop();
        fromOpen.pop();
      } else if (tok.is("SELECT")) {
        selectAtLevel.pop();
        selectAtLevel.push(true);
        fromOpen.pop();
        fromOpen.push(false);
      } else if (tok.is("FROM") && selectAtLevel.peek()) {
        // FROM inside a function call (EXTRACT(YEAR FROM d), TRIM(x FROM s)) names no relation
        fromOpen.pop();
        fromOpen.push(true);
        startsRelation = true;
      } else if (tok.is("JOIN") && selectAtLevel.peek()) {
        startsRelation = true;
      } else if (tok.isSymbol(',')) {
        startsRelation = fromOpen.peek(); // FROM a JOIN b ON ..., c: the next item of the FROM list
      } else if (tok.type() == SqlTokens.Type.WORD && CLAUSE_WORDS.contains(tok.text().toUpperCase(java.util.Locale.ROOT))
          && !JOIN_WORDS.contains(tok.text().toUpperCase(java.util.Locale.ROOT))) {
        fromOpen.pop();
        fromOpen.push(false);
      }
      if (!startsRelation) {
        continue;
      }
      int j = i + 1;
      List<String> parts = new ArrayList<>();
      while (j < t.size() && t.get(j).isName()) {
        parts.add(t.get(j).name());
        j++;
        if (j < t.size() && t.get(j).isSymbol('.')) {
          j++;
        } else {
          break;
        }
      }
      boolean function = j < t.size() && t.get(j).isSymbol('(');
      boolean cte = parts.size() == 1 && cteNames.contains(parts.get(0));
      boolean path = parts.size() == 2 && FILE_FORMATS.contains(parts.get(0)) && parts.get(1).contains("/");
      if (parts.isEmpty() || function || cte || path) {
        continue; // delta.`/mnt/path` reads files directly: no metastore relation
      }
      String db = parts.size() >= 2 ? parts.get(parts.size() - 2) : currentDatabase;
      String name = parts.get(parts.size() - 1);
      if (seen.add(db + "." + name)) {
        out.add(new String[] {db, name});
      }
    }
    return out;
  }

  private static final Set<String> FILE_FORMATS = Set.of("delta", "parquet", "json", "csv", "orc", "text", "avro",
      "binaryfile");

  /** Words of a join: they do not close the FROM clause the way WHERE or GROUP BY do. */
  private static final Set<String> JOIN_WORDS = Set.of("JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "OUTER", "ON",
      "USING", "NATURAL", "ANTI", "SEMI", "TABLESAMPLE");

  private static final Set<String> CLAUSE_WORDS = Set.of("WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "JOIN", "INNER",
      "LEFT", "RIGHT", "FULL", "CROSS", "OUTER", "ON", "USING", "UNION", "EXCEPT", "INTERSECT", "MINUS", "WINDOW",
      "LATERAL", "NATURAL", "ANTI", "SEMI", "SORT", "CLUSTER", "DISTRIBUTE", "PIVOT", "UNPIVOT", "TABLESAMPLE", "QUALIFY");
}
