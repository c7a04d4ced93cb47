package io.qnative.api.validation;

/** A kind that checks itself, reporting every problem at once with its field path. */
public interface Validatable {

    /**
     * Validates this object (on UPDATE also against {@link AdmissionContext#oldObject()}).
     *
     * @return {@code null} when valid; otherwise every error and warning found
     */
    FieldError validate(AdmissionContext context);
}
