//! The one integration-test binary (one link step on small machines); a module per concern.

mod cli {
    mod aliases;
    mod baseline;
    mod browser;
    mod catalog;
    mod check;
    mod check_places;
    mod compare;
    mod ecosystem;
    mod explain;
    mod facts;
    mod hostile;
    mod hostile_escapes;
    mod hostile_limits;
    mod hostile_results;
    mod html;
    mod json_contract;
    mod links;
    mod names;
    mod no_panic;
    mod readme;
    mod reports;
    mod reproduce;
    mod scan;
    mod support;
    mod table;
    mod transcripts;
    mod validate_all;
    mod weigh;
    mod workflows;
}
