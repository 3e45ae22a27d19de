package io.dbsync.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;
import picocli.CommandLine.Option;

import java.io.PrintStream;

/**
 * -o/--output text|json, as the Databricks CLI spells it. With json, stdout carries exactly one JSON
 * document summarising the run (for automation) and every line meant for people goes to stderr.
 */
final class OutputOptions {
  enum Format { TEXT, JSON }

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default) or json: one JSON document on stdout summarising the run; the human text goes to stderr.")
  Format format = Format.TEXT;

  boolean json() {
    return format == Format.JSON;
  }

  /** Where text for people goes: stdout, or stderr when stdout is reserved for the JSON document. */
  PrintStream human() {
    return json() ? System.err : System.out;
  }

  /** Prints the run's summary when --output json was asked for. */
  void summary(ObjectNode document) {
    if (json()) {
      System.out.print(TfJson.write(document));
      System.out.flush();
    }
  }
}
