package io.tributary.routes.envelope;

/** A message that can never be delivered as it is: retrying would not help, so it goes to the dead-letter topic. */
public final class MalformedMessageException extends Exception {

    public MalformedMessageException(String reason) {
        super(reason, null, false, false);
    }
}
