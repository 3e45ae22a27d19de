package io.dbsync.kind.admin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The relations a view's query reads, found the way Spark's parser sees them: a name after FROM,
 * JOIN or a comma of the FROM clause, at a parenthesis level whose SELECT has begun (so EXTRACT(x
 * FROM y) names nothing); not a table-valued function ({@code range(10)}), not a name a WITH clause
 * defines, not files read by path ({@code delta.`/mnt/x`}). Names may be backquoted and one to
 * three parts long. An unqualified name resolves in the database that was current when the view was
 * created, which SHOW CREATE TABLE does not print: {@link #qualify} writes it into the query.
 */
final class ViewQuery {
  /**
   * A relation named by the query: its parts (lower-case, unquoted; catalog and database null when
   * not written) and the offset in the query where its name starts.
   */
  record Relation(String catalog, String database, String name, int offset) {
    boolean qualified() {
      return database != null;
    }
  }

  private static final Set<String> FILE_FORMATS = Set.of("delta", "parquet", "json", "csv", "orc", "text", "avro",
      "binaryfile");
  /** Words that end a FROM clause's comma list (LATERAL VIEW's "AS a, b" names columns, not relations). */
  private static final Set<String> ENDS_FROM = Set.of("where", "group", "order", "having", "limit", "union", "except",
      "intersect", "minus", "window", "qualify", "lateral", "sort", "cluster", "distribute", "pivot", "unpivot");

  /** A lexical unit: a word or quoted identifier (text unquoted), a literal, or one symbol. */
  private record Lexeme(char kind, String text, int offset) {
    boolean word(String w) {
      return kind == 'w' && text.equalsIgnoreCase(w);
    }

    boolean symbol(char c) {
      return kind == 's' && text.charAt(0) == c;
    }

    boolean name() {
      return kind == 'w' || kind == 'q';
    }
  }

  private ViewQuery() {}

  /** Every relation the query names, in order of appearance (duplicates kept, with their offsets). */
  static List<Relation> relations(String query) {
    List<Lexeme> lx = lex(query);
    Set<String> cteNames = cteNames(lx);
    List<Relation> out = new ArrayList<>();
    Deque<int[]> levels = new ArrayDeque<>(); // per parenthesis level: {a SELECT began, inside its FROM clause}
    levels.push(new int[2]);
    for (int i = 0; i < lx.size(); i++) {
      Lexeme l = lx.get(i);
      int[] level = levels.peek();
      if (l.symbol('(')) {
        levels.push(new int[2]);
      } else if (l.symbol(')')) {
        if (levels.size() > 1) {
          levels.pop();
        }
      } else if (l.word("SELECT")) {
        level[0] = 1;
        level[1] = 0;
      } else if (level[0] == 1 && (l.word("FROM") || l.word("JOIN") || (l.symbol(',') && level[1] == 1))) {
        level[1] = l.word("JOIN") ? level[1] : 1;
        relationAt(lx, i + 1, cteNames, out);
      } else if (l.kind() == 'w' && ENDS_FROM.contains(l.text().toLowerCase(Locale.ROOT))) {
        level[1] = 0;
      }
    }
    return out;
  }

  /** The relation named at lexeme {@code i}, if what starts there is one. */
  private static void relationAt(List<Lexeme> lx, int i, Set<String> cteNames, List<Relation> out) {
    if (i >= lx.size() || !lx.get(i).name()) {
      return; // a subquery, VALUES list or the like
    }
    int start = i;
    List<String> parts = new ArrayList<>();
    parts.add(lx.get(i).text().toLowerCase(Locale.ROOT));
    i++;
    while (i + 1 < lx.size() && lx.get(i).symbol('.') && lx.get(i + 1).name()) {
      parts.add(lx.get(i + 1).text().toLowerCase(Locale.ROOT));
      i += 2;
    }
    boolean function = i < lx.size() && lx.get(i).symbol('(');
    boolean cte = parts.size() == 1 && cteNames.contains(parts.get(0));
    boolean path = parts.size() == 2 && FILE_FORMATS.contains(parts.get(0)) && lx.get(i - 1).kind() == 'q'
        && parts.get(1).contains("/");
    if (!function && !cte && !path && parts.size() <= 3) {
      int n = parts.size();
      out.add(new Relation(n == 3 ? parts.get(0) : null, n >= 2 ? parts.get(n - 2) : null, parts.get(n - 1),
          lx.get(start).offset()));
    }
  }

  /** Names a WITH clause defines: "name AS (" after WITH or after the comma between two of them. */
  private static Set<String> cteNames(List<Lexeme> lx) {
    Set<String> names = new HashSet<>();
    for (int i = 1; i + 2 < lx.size(); i++) {
      Lexeme before = lx.get(i - 1);
      if (lx.get(i).name() && lx.get(i + 1).word("AS") && lx.get(i + 2).symbol('(')
          && (before.word("WITH") || before.word("RECURSIVE") || before.symbol(','))) {
        names.add(lx.get(i).text().toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  /**
   * The query with every unqualified relation name prefixed by {@code `database`.}, so that it reads
   * the same relations whatever database is current where it is created again.
   */
  static String qualify(String query, String database) {
    StringBuilder sb = new StringBuilder(query);
    List<Relation> rels = relations(query);
    for (int k = rels.size() - 1; k >= 0; k--) {
      if (!rels.get(k).qualified()) {
        sb.insert(rels.get(k).offset(), SqlRunner.ident(database) + ".");
      }
    }
    return sb.toString();
  }

  private static List<Lexeme> lex(String s) {
    List<Lexeme> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (s.startsWith("--", i)) {
        while (i < n && s.charAt(i) != '\n') {
          i++;
        }
      } else if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '`') {
        StringBuilder id = new StringBuilder();
        for (i++; i < n; i++) {
          if (s.charAt(i) == '`' && i + 1 < n && s.charAt(i + 1) == '`') {
            id.append('`');
            i++;
          } else if (s.charAt(i) == '`') {
            break;
          } else {
            id.append(s.charAt(i));
          }
        }
        i++;
        out.add(new Lexeme('q', id.toString(), start));
      } else if (c == '\'' || c == '"') {
        for (i++; i < n && s.charAt(i) != c; i++) {
          if (s.charAt(i) == '\\') {
            i++;
          }
        }
        i++;
        out.add(new Lexeme('l', "", start));
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
          i++;
        }
        out.add(new Lexeme('w', s.substring(start, i), start));
      } else {
        out.add(new Lexeme('s', String.valueOf(c), start));
        i++;
      }
    }
    return out;
  }
}
