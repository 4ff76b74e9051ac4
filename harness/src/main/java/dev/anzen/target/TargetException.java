package dev.anzen.target;

/** A failed target call, with its kind. The message never holds an API key. */
public final class TargetException extends Exception {
    private final ErrorKind kind;
    private final transient java.time.Duration retryAfter;
    private final boolean unreachable;

    public TargetException(ErrorKind kind, String message, Throwable cause, java.time.Duration retryAfter) {
        this(kind, message, cause, retryAfter, false);
    }

    /**
     * {@code unreachable}: no connection could be made at all (refused, unknown host), as opposed to one that broke
     * during an exchange.
     */
    public TargetException(ErrorKind kind, String message, Throwable cause, java.time.Duration retryAfter,
                           boolean unreachable) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.unreachable = unreachable;
    }

    public TargetException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    public TargetException(ErrorKind kind, String message) {
        this(kind, message, null, null);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** True when no connection to the server could be made (refused, unknown host). */
    public boolean unreachable() {
        return unreachable;
    }

    /** The same failure with another message (e.g. the number of attempts added). */
    public TargetException withMessage(String message) {
        return new TargetException(kind, message, null, retryAfter, unreachable);
    }

    /** How long the server asked us to wait (its Retry-After header), if it said. */
    public java.util.Optional<java.time.Duration> retryAfter() {
        return java.util.Optional.ofNullable(retryAfter);
    }
}
