package io.dbsync.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command's usage is one flag (or "help SUB") away, with exit 0, as in the Databricks CLI and terraform. */
class CliHelpTest {
  /** Every subcommand the root command declares: a new command is covered without editing this test. */
  static Stream<String> subcommands() {
    return new CommandLine(new RootCommand()).getSubcommands().keySet().stream();
  }

  @Test
  void theSubcommandsIncludeEveryDocumentedOne() {
    assertEquals(List.of("init", "assess", "export", "import", "version", "emulator", "demo", "help"),
        subcommands().toList());
  }

  /** The README documents every command and every option (by one of its names: -c for --config-path). */
  @Test
  void theReadmeNamesEveryCommandAndOption() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    List<String> missing = new ArrayList<>();
    CommandLine root = new CommandLine(new RootCommand());
    root.getSubcommands().forEach((name, sub) -> {
      if (!readme.contains("databricks-sync " + name) && !readme.contains("`" + name + "`")) {
        missing.add(name);
      }
      for (CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
        if (Arrays.stream(o.names()).noneMatch(readme::contains)) {
          missing.add(name + " " + o.longestName());
        }
      }
    });
    assertEquals(List.of(), missing);
  }

  @ParameterizedTest
  @MethodSource("subcommands")
  void everySubcommandPrintsItsUsage(String sub) {
    for (String[] args : new String[][] {{sub, "--help"}, {sub, "-h"}, {"help", sub}}) {
      CliRunner.Result r = CliRunner.run(Map.of(), args);
      assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.out().contains("Usage: databricks-sync " + sub + " "), String.join(" ", args) + ":\n" + r.out());
      assertTrue(r.err().isEmpty(), r.err());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"export", "import"})
  void usageListsTheOptionsAndTheirOwnDescription(String sub) {
    String usage = CliRunner.run(Map.of(), sub, "--help").out();
    for (String option : new String[] {"--profile", "--git-ssh-url", "--local-git-path", "--branch", "--help", "--version"}) {
      assertTrue(usage.contains(option), sub + " usage lacks " + option + ":\n" + usage);
    }
    assertTrue(usage.contains(sub.equals("export") ? "Exports the source workspace" : "Plans and applies"), usage);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h", "help"})
  void rootUsageListsTheCommands(String flag) {
    CliRunner.Result r = CliRunner.run(Map.of(), flag);
    assertEquals(0, r.exitCode(), r.err());
    subcommands().forEach(sub -> assertTrue(r.out().contains("  " + sub + " "), sub + ":\n" + r.out()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"--version", "-V", "version", "export --version", "import -V"})
  void versionNamesTheCommitItWasBuiltFrom(String args) {
    CliRunner.Result r = CliRunner.run(Map.of(), args.split(" "));
    assertEquals(0, r.exitCode(), r.err());
    String line = r.out().strip();
    assertTrue(line.matches("databricks-sync \\S+ \\(commit \\S+, Databricks SDK for Java [0-9.]+, Java \\S+\\)"), line);
    if (Files.exists(Path.of("..", ".git"))) { // a source archive without .git has no commit to name
      assertTrue(line.matches(".*\\(commit [0-9a-f]{12},.*"), line);
    }
  }
}
