/** fabric8 glue: informers and listers over their caches, events, and the child applier. */
package io.qnative.kube;
