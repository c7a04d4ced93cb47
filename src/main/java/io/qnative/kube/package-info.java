/** fabric8 glue shared by the controllers: listers over informers, the child applier, owner refs, events. */
package io.qnative.kube;
