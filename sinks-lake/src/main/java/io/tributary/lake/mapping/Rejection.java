package io.tributary.lake.mapping;

/**
 * Why a value or record cannot become a row. Thrown inside the mapping code only; it carries no
 * stack trace because it is an expected outcome, not a bug.
 */
final class Rejection extends Exception {

    private static final long serialVersionUID = 1L;

    Rejection(String reason) {
        super(reason, null, false, false);
    }
}
