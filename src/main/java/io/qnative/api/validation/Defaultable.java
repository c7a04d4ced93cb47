package io.qnative.api.validation;

/** A kind that fills in Knative's defaults in place (the mutating webhook's JSON patch is the difference). */
public interface Defaultable {

    /** Sets defaults on this object in place; never fails. */
    void setDefaults(AdmissionContext context);
}
