package io.dbsync.tf.expr;

/** An interpolation could not be parsed or evaluated; the message names the expression. */
public class EvalException extends Exception {
  public EvalException(String message) {
    super(message);
  }
}
