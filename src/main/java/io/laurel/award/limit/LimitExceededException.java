package io.laurel.award.limit;

/** An earn that would break a limit; says which. */
public class LimitExceededException extends RuntimeException {

    private final boolean perCustomer;

    LimitExceededException(boolean perCustomer, String description) {
        super(description, null, false, false);
        this.perCustomer = perCustomer;
    }

    public boolean perCustomer() {
        return perCustomer;
    }
}
