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
    java.util.ArrayDeque<Boolean> selectAtLevel = new java.util.ArrayDeque<>(List.of(false));
    for (int i = 0; i < t.size(); i++) {
      SqlTokens.Token tok = t.get(i);
      if (tok.isSymbol('(')) {
        selectAtLevel.push(false);
      } else if (tok.isSymbol(')') && selectAtLevel.size() > 1) {
        selectAtLevel.pop();
      } else if (tok.is("SELECT")) {
        selectAtLevel.pop();
        selectAtLevel.push(true);
      }
      // FROM inside a function call (EXTRACT(YEAR FROM d), TRIM(x FROM s)) names no relation
      if (!(tok.is("FROM") || tok.is("JOIN")) || !selectAtLevel.peek()) {
        continue;
      }
      int j = i + 1;
      while (true) {
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
        if (parts.isEmpty() || function || (parts.size() == 1 && cteNames.contains(parts.get(0)))) {
          break;
        }
        if (parts.size() == 2 && FILE_FORMATS.contains(parts.get(0)) && parts.get(1).contains("/")) {
          j = skipAlias(t, j); // delta.`/mnt/path`: files read directly, no metastore relation
        } else {
          String db = parts.size() >= 2 ? parts.get(parts.size() - 2) : currentDatabase;
          String name = parts.get(parts.size() - 1);
          if (seen.add(db + "." + name)) {
            out.add(new String[] {db, name});
          }
          j = skipAlias(t, j);
        }
        if (j < t.size() && t.get(j).isSymbol(',') && t.get(i).is("FROM")) {
          j++;
          continue; // FROM a, b: the next item of the list
        }
        break;
      }
    }
    return out;
  }

  /** Past "[AS] alias" after a relation name (but not past a keyword that starts the next clause). */
  private static int skipAlias(List<SqlTokens.Token> t, int j) {
    if (j < t.size() && t.get(j).is("AS")) {
      return j + 2;
    }
    if (j < t.size() && t.get(j).isName() && !CLAUSE_WORDS.contains(t.get(j).text().toUpperCase(java.util.Locale.ROOT))) {
      return j + 1;
    }
    return j;
  }

  private static final Set<String> FILE_FORMATS = Set.of("delta", "parquet", "json", "csv", "orc", "text", "avro",
      "binaryfile");

  private static final Set<String> CLAUSE_WORDS = Set.of("WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "JOIN", "INNER",
      "LEFT", "RIGHT", "FULL", "CROSS", "OUTER", "ON", "USING", "UNION", "EXCEPT", "INTERSECT", "MINUS", "WINDOW",
      "LATERAL", "NATURAL", "ANTI", "SEMI", "SORT", "CLUSTER", "DISTRIBUTE", "PIVOT", "UNPIVOT", "TABLESAMPLE", "QUALIFY");
}
