//! Transcript tests: `tests/cmd/*.toml` hold the arguments, the expected output and the exit
//! code of each command and each failure mode; they are the interface's executable docs.

#[test]
fn transcripts() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        // "Today" is pinned (a case may pin another day): no transcript depends on the clock.
        .env("PLATFORM_EVAL_TODAY", "2026-12-02")
        .case("tests/cmd/*.toml");
}
