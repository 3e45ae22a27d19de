package io.dbsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Docker cannot run here, so the Dockerfile is checked as `docker build` would read it: known
 * instructions, a Java 21+ base image, COPY sources that exist after package and that .dockerignore
 * lets into the build context, and an exec-form ENTRYPOINT running the copied jar.
 */
class DockerfileIT {
  static final Path ROOT = Path.of(System.getProperty("repo.root"));

  record Instruction(String keyword, String args) {}

  /** Instructions with continuation lines joined and comments dropped. */
  static List<Instruction> parse(Path dockerfile) throws Exception {
    List<Instruction> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(dockerfile)) {
      String t = line.strip();
      if (current.isEmpty() && (t.isEmpty() || t.startsWith("#"))) {
        continue;
      }
      if (t.endsWith("\\")) {
        current.append(t, 0, t.length() - 1).append(' ');
        continue;
      }
      current.append(t);
      String[] parts = current.toString().split("\\s+", 2);
      out.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
      current.setLength(0);
    }
    assertTrue(current.isEmpty(), "a continuation line ends the file");
    return out;
  }

  @Test
  void dockerfileBuildsAJava21ImageFromThePackagedJar() throws Exception {
    List<Instruction> instructions = parse(ROOT.resolve("Dockerfile"));
    List<String> known = List.of("FROM", "COPY", "ADD", "RUN", "WORKDIR", "ENTRYPOINT", "CMD", "ENV", "ARG", "LABEL",
        "USER", "VOLUME", "EXPOSE", "HEALTHCHECK", "SHELL", "STOPSIGNAL", "ONBUILD");
    for (Instruction i : instructions) {
      assertTrue(known.contains(i.keyword()), "unknown instruction " + i);
    }
    assertEquals("FROM", instructions.get(0).keyword());
    assertTrue(instructions.get(0).args().matches("eclipse-temurin:(2[1-9]|[3-9][0-9])-jre.*"), instructions.get(0).args());

    List<String> ignore = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    Map<String, String> copied = new TreeMap<>();
    for (Instruction i : instructions) {
      if (i.keyword().equals("COPY")) {
        String[] words = i.args().split("\\s+");
        assertEquals(2, words.length, "COPY SRC DEST: " + i);
        assertTrue(Files.isRegularFile(ROOT.resolve(words[0])), words[0] + " exists after package");
        assertTrue(ignore.contains("!" + words[0]) || !ignore.contains("*"), words[0] + " is let into the build context");
        copied.put(words[1], words[0]);
      }
    }
    assertTrue(copied.containsValue("cli/target/databricks-sync.jar"), copied.toString());

    Instruction entry = instructions.stream().filter(i -> i.keyword().equals("ENTRYPOINT")).reduce((a, b) -> b).orElseThrow();
    JsonNode exec = new ObjectMapper().readTree(entry.args());
    assertTrue(exec.isArray(), "exec form, so arguments reach the tool: " + entry);
    assertEquals("java", exec.get(0).asText());
    assertTrue(copied.containsKey(exec.get(exec.size() - 1).asText()), "ENTRYPOINT runs the copied jar: " + entry);
  }
}
