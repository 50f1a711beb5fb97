//! nginx configuration: upstream groups and what proxies to them, passive and active health
//! checks, where the logs go, and `stub_status`.
//!
//! A small tokenizer and parser of nginx's own syntax (no crate): words, quoted strings with
//! backslash escapes, `;`, `{`, `}` and `#` comments, each token with its line and column. It
//! follows `ngx_conf_read_token`: a `#` starts a comment only where a token would start, a `}`
//! inside a word belongs to the word, and `${` does not open a block. `include` is followed
//! (relative to the including file, `*` and `?` in the file name), each file once. A file that
//! nginx would refuse (an unclosed block, a stray `}`, an unterminated string) is a located
//! error and gives no findings. Directives this reader does not know are fine: nginx has
//! hundreds.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::model::{self, Deployment, Finding, InputKind, Place, Use};
use super::signals;
use super::{Context, Input};
use crate::diag::{Diagnostic, Diagnostics, SourceFile, plural};

/// Deepest nesting of blocks read (nginx's own configurations nest four or five levels).
const MAX_DEPTH: usize = 64;
/// Most files one configuration includes.
const MAX_INCLUDED: usize = 256;
/// Files nginx ships beside its configuration: an include of one that is not in the folder
/// is not worth a warning (they hold MIME types and FastCGI parameters, nothing read here).
const SHIPPED: [&str; 9] = [
    "mime.types",
    "fastcgi_params",
    "fastcgi.conf",
    "scgi_params",
    "uwsgi_params",
    "proxy_params",
    "koi-utf",
    "koi-win",
    "win-utf",
];
/// Where packaged and source builds keep their configuration: an absolute include under one
/// is read from the folder of the scanned `nginx.conf`, never from this machine's own.
const PREFIXES: [&str; 4] = [
    "/etc/nginx/",
    "/usr/local/nginx/conf/",
    "/usr/local/etc/nginx/",
    "/opt/homebrew/etc/nginx/",
];
/// Directives that send a request to an address or an upstream group.
const PASSES: [&str; 6] = [
    "proxy_pass",
    "grpc_pass",
    "fastcgi_pass",
    "uwsgi_pass",
    "scgi_pass",
    "memcached_pass",
];

/// Reads the file and the files it includes; gives the included files' canonical paths.
// The readers share one signature, called by `scan::read_all`.
#[allow(clippy::trivially_copy_pass_by_ref)]
pub fn read(
    input: &Input,
    _ctx: &Context,
    out: &mut Deployment,
    diags: &mut Diagnostics,
) -> Vec<PathBuf> {
    let top = Source {
        file: Arc::clone(&input.file),
        shown: Arc::clone(&input.shown),
        path: input.path.clone(),
    };
    let mut tree = Tree {
        seen: top
            .path
            .as_ref()
            .and_then(|p| p.canonicalize().ok())
            .into_iter()
            .collect(),
        files: vec![top],
        included: Vec::new(),
    };
    let parsed = match parse(&input.file.text, 0, 0) {
        Ok(parsed) => parsed,
        Err(e) => {
            diags.push(e.diagnostic(&input.file));
            return Vec::new();
        }
    };
    let expanded = tree.expand(parsed, 0, out, diags);
    let included = std::mem::take(&mut tree.included);
    if let Ok(directives) = expanded {
        let mut seen = Seen::default();
        seen.walk(&directives, &Scope::default());
        seen.findings(&tree.files, out);
    }
    included
}

/// Whether a text is nginx configuration: a `http`, `server`, `events`, `stream`, `upstream
/// NAME` or `location ...` block beside directives ended by `;`, or a main-context directive
/// (`worker_processes`, `include`, ...) first and more after it. Reads the first 64 KiB.
pub fn looks_like(text: &str) -> bool {
    const MAIN: [&str; 12] = [
        "user",
        "worker_processes",
        "include",
        "pid",
        "error_log",
        "load_module",
        "worker_rlimit_nofile",
        "daemon",
        "master_process",
        "env",
        "pcre_jit",
        "thread_pool",
    ];
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut lexer = Lexer::new(&text[..end]);
    let mut words: Vec<String> = Vec::new();
    let mut count = 0usize;
    let mut depth = 0usize;
    let mut ended = 0usize;
    let mut block = false;
    let mut first: Option<bool> = None;
    for _ in 0..4_000 {
        let Some(Ok(token)) = lexer.next_token() else {
            break;
        };
        match token.tok {
            Tok::Word(w) => {
                if words.len() < 3 {
                    words.push(w);
                }
                count += 1;
            }
            Tok::Semi | Tok::Open if words.is_empty() => break,
            Tok::Semi => {
                ended += 1;
                if depth == 0 && first.is_none() {
                    first = Some(MAIN.contains(&words[0].as_str()));
                }
                words.clear();
                count = 0;
            }
            Tok::Open => {
                let args = &words[1..];
                block |= match (words[0].as_str(), count - 1) {
                    ("http" | "events" | "stream" | "mail" | "server", 0) | ("upstream", 1) => true,
                    ("location", 1 | 2) => args[0] != "=" || count == 3,
                    _ => false,
                };
                if depth == 0 && first.is_none() {
                    first = Some(block);
                }
                depth += 1;
                words.clear();
                count = 0;
            }
            Tok::Close => {
                if !words.is_empty() || depth == 0 {
                    break;
                }
                depth -= 1;
            }
        }
    }
    (block && ended >= 1) || (first == Some(true) && ended >= 2)
}

// ---------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Word(String),
    Semi,
    Open,
    Close,
}

#[derive(Debug)]
struct Token {
    tok: Tok,
    line: u32,
    col: u32,
    start: usize,
    end: usize,
}

/// What nginx would refuse, at a byte range of the file.
#[derive(Debug)]
struct SyntaxError {
    code: &'static str,
    message: String,
    help: &'static str,
    start: usize,
    end: usize,
}

impl SyntaxError {
    fn new(message: impl Into<String>, help: &'static str, start: usize, end: usize) -> Self {
        SyntaxError {
            code: "nginx-syntax",
            message: message.into(),
            help,
            start,
            end,
        }
    }

    fn diagnostic(&self, file: &Arc<SourceFile>) -> Diagnostic {
        Diagnostic::error(self.code, self.message.clone())
            .at(file, file.span(self.start, self.end))
            .with_help(self.help)
    }
}

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    line: u32,
    col: u32,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        Lexer {
            text,
            pos: 0,
            line: 1,
            col: 1,
        }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line = self.line.saturating_add(1);
            self.col = 1;
        } else {
            self.col = self.col.saturating_add(1);
        }
        Some(c)
    }

    fn next_token(&mut self) -> Option<Result<Token, SyntaxError>> {
        loop {
            match self.peek()? {
                ' ' | '\t' | '\r' | '\n' => {
                    self.bump();
                }
                '#' => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                _ => break,
            }
        }
        let (start, line, col) = (self.pos, self.line, self.col);
        let c = self.bump()?;
        let tok = match c {
            ';' => Tok::Semi,
            '{' => Tok::Open,
            '}' => Tok::Close,
            '"' | '\'' => match self.quoted(c, start) {
                Ok(s) => Tok::Word(s),
                Err(e) => return Some(Err(e)),
            },
            _ => Tok::Word(self.word(c)),
        };
        Some(Ok(Token {
            tok,
            line,
            col,
            start,
            end: self.pos,
        }))
    }

    /// The rest of a quoted string whose quote `q` is at `start`.
    fn quoted(&mut self, q: char, start: usize) -> Result<String, SyntaxError> {
        let unterminated = || {
            SyntaxError::new(
                format!("a string opened with `{q}` is never closed"),
                "close the string with the same quote (a `\\` before a quote keeps it in the string)",
                start,
                start + 1,
            )
        };
        let mut s = String::new();
        loop {
            match self.bump() {
                None => return Err(unterminated()),
                Some('\\') => match self.bump() {
                    Some(n) => unescape(&mut s, n),
                    None => return Err(unterminated()),
                },
                Some(c) if c == q => break,
                Some(c) => s.push(c),
            }
        }
        // nginx wants a space, `;` or `{` after a closing quote (`)` ends an `if`).
        match self.peek() {
            None | Some(' ' | '\t' | '\r' | '\n' | ';' | '{' | ')') => Ok(s),
            Some(other) => Err(SyntaxError::new(
                format!("unexpected `{other}` right after a quoted string"),
                "put a space after the closing quote",
                self.pos,
                self.pos + other.len_utf8(),
            )),
        }
    }

    /// The rest of a word whose first character is `first`: up to a space, `;`, or a `{`
    /// that does not follow a `$`.
    fn word(&mut self, first: char) -> String {
        let mut s = String::new();
        let mut c = first;
        loop {
            if c == '\\' {
                match self.bump() {
                    Some(n) => unescape(&mut s, n),
                    None => s.push('\\'),
                }
            } else {
                s.push(c);
            }
            let dollar = c == '$';
            match self.peek() {
                None | Some(' ' | '\t' | '\r' | '\n' | ';') => break,
                Some('{') if !dollar => break,
                Some(_) => {}
            }
            match self.bump() {
                Some(next) => c = next,
                None => break,
            }
        }
        s
    }
}

/// A backslash escape as nginx reads it: quotes, backslash, `\t`, `\r`, `\n`; any other
/// character keeps its backslash.
fn unescape(s: &mut String, c: char) {
    match c {
        '"' | '\'' | '\\' => s.push(c),
        't' => s.push('\t'),
        'r' => s.push('\r'),
        'n' => s.push('\n'),
        other => {
            s.push('\\');
            s.push(other);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Directives

#[derive(Debug, Clone)]
struct Arg {
    text: String,
    line: u32,
    col: u32,
}

#[derive(Debug, Clone)]
struct Directive {
    name: String,
    args: Vec<Arg>,
    block: Option<Vec<Directive>>,
    line: u32,
    col: u32,
    /// Byte range of the name in its file, for diagnostics.
    start: usize,
    end: usize,
    /// The file it is in: an index into [`Tree::files`].
    file: usize,
}

impl Directive {
    fn arg(&self, i: usize) -> Option<&str> {
        self.args.get(i).map(|a| a.text.as_str())
    }

    fn args_text(&self) -> String {
        self.args
            .iter()
            .map(|a| a.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The directives of `text` (file number `file`), whose blocks start `depth` blocks deep.
fn parse(text: &str, file: usize, depth: usize) -> Result<Vec<Directive>, SyntaxError> {
    struct Open {
        head: Directive,
        start: usize,
        outer: Vec<Directive>,
    }
    let directive = |words: &mut Vec<Token>| {
        let mut words = std::mem::take(words).into_iter();
        let head = words.next()?;
        let Tok::Word(name) = head.tok else {
            return None;
        };
        Some(Directive {
            name,
            args: words
                .filter_map(|t| match t.tok {
                    Tok::Word(text) => Some(Arg {
                        text,
                        line: t.line,
                        col: t.col,
                    }),
                    _ => None,
                })
                .collect(),
            block: None,
            line: head.line,
            col: head.col,
            start: head.start,
            end: head.end,
            file,
        })
    };
    let mut lexer = Lexer::new(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut current: Vec<Directive> = Vec::new();
    let mut words: Vec<Token> = Vec::new();
    while let Some(token) = lexer.next_token() {
        let token = token?;
        match token.tok {
            Tok::Word(_) => words.push(token),
            Tok::Semi => match directive(&mut words) {
                Some(d) => current.push(d),
                None => {
                    return Err(SyntaxError::new(
                        "unexpected `;`: no directive before it",
                        "a `;` ends a directive: remove this one",
                        token.start,
                        token.end,
                    ));
                }
            },
            Tok::Open => {
                let Some(head) = directive(&mut words) else {
                    return Err(SyntaxError::new(
                        "unexpected `{`: no directive before it",
                        "a block follows its directive's name (`server {`, `location / {`)",
                        token.start,
                        token.end,
                    ));
                };
                if depth + stack.len() >= MAX_DEPTH {
                    return Err(SyntaxError {
                        code: "nginx-limit",
                        message: format!("blocks nested more than {MAX_DEPTH} deep"),
                        help: "nginx configuration nests a few levels (http, server, location); check that this is the file you meant",
                        start: token.start,
                        end: token.end,
                    });
                }
                stack.push(Open {
                    head,
                    start: token.start,
                    outer: std::mem::take(&mut current),
                });
            }
            Tok::Close => {
                if let Some(first) = words.first() {
                    let name = match &first.tok {
                        Tok::Word(w) => w.clone(),
                        _ => String::new(),
                    };
                    return Err(SyntaxError::new(
                        format!("`{name}` is not ended with `;` before this `}}`"),
                        "end the directive with `;`",
                        token.start,
                        token.end,
                    ));
                }
                let Some(open) = stack.pop() else {
                    return Err(SyntaxError::new(
                        "unexpected `}`: no block is open here",
                        "remove it, or the `}` before it that closes its block too early",
                        token.start,
                        token.end,
                    ));
                };
                let mut head = open.head;
                head.block = Some(std::mem::replace(&mut current, open.outer));
                current.push(head);
            }
        }
    }
    if let Some(first) = words.first() {
        let name = match &first.tok {
            Tok::Word(w) => w.as_str(),
            _ => "",
        };
        return Err(SyntaxError::new(
            format!("`{name}` is not ended with `;` at the end of the file"),
            "end the directive with `;`",
            first.start,
            first.end,
        ));
    }
    if let Some(open) = stack.last() {
        return Err(SyntaxError::new(
            format!("the block of `{}` is never closed", open.head.name),
            "add the `}` that closes it (braces in strings and comments do not count)",
            open.start,
            open.start + 1,
        ));
    }
    Ok(current)
}

// ---------------------------------------------------------------------------------------
// Includes

/// A file of the configuration: the top one, or one it includes.
struct Source {
    file: Arc<SourceFile>,
    shown: Arc<str>,
    path: Option<PathBuf>,
}

struct Tree {
    files: Vec<Source>,
    /// Canonical paths of the files read, the top one first.
    seen: Vec<PathBuf>,
    included: Vec<PathBuf>,
}

/// A syntax error or a limit in an included file: the configuration is not read.
struct Stop;

impl Tree {
    /// The directives with every `include` replaced by the directives of the files it names.
    fn expand(
        &mut self,
        directives: Vec<Directive>,
        depth: usize,
        out: &mut Deployment,
        diags: &mut Diagnostics,
    ) -> Result<Vec<Directive>, Stop> {
        let mut expanded = Vec::with_capacity(directives.len());
        for mut d in directives {
            if d.name == "include" && d.block.is_none() && d.args.len() == 1 {
                for part in self.include(&d, depth, out, diags)? {
                    expanded.extend(self.expand(part, depth, out, diags)?);
                }
                continue;
            }
            if let Some(block) = d.block.take() {
                d.block = Some(self.expand(block, depth + 1, out, diags)?);
            }
            expanded.push(d);
        }
        Ok(expanded)
    }

    /// The parsed files an `include` names, each read once.
    fn include(
        &mut self,
        d: &Directive,
        depth: usize,
        out: &mut Deployment,
        diags: &mut Diagnostics,
    ) -> Result<Vec<Vec<Directive>>, Stop> {
        let pattern = d.args[0].text.as_str();
        let includer = &self.files[d.file];
        let Some(base) = includer
            .path
            .as_deref()
            .map(|p| p.parent().unwrap_or(Path::new("")))
        else {
            // Given on standard input: there is no folder to read the file from.
            return Ok(Vec::new());
        };
        let top = &self.files[0];
        let top_dir = top.path.as_deref().and_then(Path::parent).unwrap_or(base);
        let (disk, shown, rel) = match PREFIXES.iter().find_map(|p| pattern.strip_prefix(*p)) {
            Some(rest) => (top_dir, dir_of(&top.shown), rest),
            None if Path::new(pattern).is_absolute() => (Path::new("/"), "", pattern),
            None => (base, dir_of(&includer.shown), pattern),
        };
        let found = resolve(disk, shown, rel);
        let includer_file = Arc::clone(&includer.file);
        if found.is_empty() {
            let name = rel.rsplit('/').next().unwrap_or(rel);
            if !SHIPPED.contains(&name) {
                diags.push(
                    Diagnostic::warning(
                        "include-not-found",
                        format!("`include {pattern}` matches no file: its directives are not read"),
                    )
                    .at(&includer_file, includer_file.span(d.start, d.end))
                    .with_help("scan the folder that holds the included files, beside this one"),
                );
            }
            return Ok(Vec::new());
        }
        let mut parts = Vec::new();
        for (path, shown) in found {
            let Ok(canonical) = path.canonicalize() else {
                continue;
            };
            if self.seen.contains(&canonical) {
                continue;
            }
            if self.seen.len() > MAX_INCLUDED {
                diags.push(
                    Diagnostic::error(
                        "nginx-limit",
                        format!("more than {MAX_INCLUDED} files included"),
                    )
                    .at(&includer_file, includer_file.span(d.start, d.end))
                    .with_help("an nginx configuration includes a few dozen files; check the include patterns"),
                );
                return Err(Stop);
            }
            self.seen.push(canonical.clone());
            let Some(file) = crate::input::read(&path, super::INPUT, diags) else {
                continue;
            };
            let shown: Arc<str> = Arc::from(shown);
            self.included.push(canonical);
            out.files.push(model::Scanned {
                path: Arc::clone(&shown),
                kind: InputKind::Nginx,
            });
            let index = self.files.len();
            let parsed = parse(&file.text, index, depth);
            self.files.push(Source {
                file: Arc::clone(&file),
                shown,
                path: Some(path),
            });
            match parsed {
                Ok(p) => parts.push(p),
                Err(e) => {
                    diags.push(e.diagnostic(&file));
                    return Err(Stop);
                }
            }
        }
        Ok(parts)
    }
}

/// The folder part of a shown path (`deploy` of `deploy/nginx.conf`), empty for none.
fn dir_of(shown: &str) -> &str {
    shown.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// The regular files `rel` names under `disk` (a glob in its file name), sorted, each with
/// the path it is shown under (`shown` joined with `rel`'s parts, by `/`).
fn resolve(disk: &Path, shown: &str, rel: &str) -> Vec<(PathBuf, String)> {
    let rel = rel.trim_start_matches("./");
    let (sub, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let dir = if sub.is_empty() {
        disk.to_path_buf()
    } else {
        disk.join(sub)
    };
    let show = |file: &str| {
        let mut s = String::from(shown);
        for part in [sub, file] {
            if part.is_empty() {
                continue;
            }
            if !s.is_empty() && !s.ends_with('/') {
                s.push('/');
            }
            s.push_str(part);
        }
        s
    };
    let is_file = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.is_file());
    if !name.contains(['*', '?']) {
        let path = dir.join(name);
        return if is_file(&path) {
            vec![(path, show(name))]
        } else {
            Vec::new()
        };
    }
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| (!n.starts_with('.') || name.starts_with('.')) && glob(name, n))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| (dir.join(&n), show(&n)))
        .filter(|(p, _)| is_file(p))
        .collect()
}

/// Whether `name` matches `pattern`, where `*` is any run of characters and `?` one.
fn glob(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        if i < p.len() && (p[i] == '?' || p[i] == n[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

// ---------------------------------------------------------------------------------------
// What the configuration says

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Level {
    #[default]
    Main,
    Http,
    Server,
    Location,
    Other,
}

/// Where a directive is, for inheritance and for the words of a finding.
#[derive(Default, Clone)]
struct Scope<'a> {
    level: Level,
    /// "location `/api`", "server `shop.example.com`", "the http block".
    place: String,
    /// The `*_next_upstream` directives in force.
    next: Vec<&'a Directive>,
}

struct Server<'a> {
    at: &'a Directive,
    address: &'a str,
    backup: bool,
    down: bool,
    max_fails: Option<&'a str>,
    fail_timeout: Option<&'a str>,
}

struct Upstream<'a> {
    at: &'a Directive,
    name: &'a str,
    servers: Vec<Server<'a>>,
    /// An active check of a third-party module in the group itself (Tengine's `check`).
    check: Option<&'a Directive>,
}

struct Pass<'a> {
    at: &'a Directive,
    target: &'a str,
    place: String,
    /// `proxy_next_upstream off` (or its kin) in force where it is.
    next_off: Option<&'a Directive>,
    /// NGINX Plus's `health_check` in the same block.
    health: Option<&'a Directive>,
}

struct Log<'a> {
    at: &'a Directive,
    level: Level,
    place: String,
}

#[derive(Default)]
struct Seen<'a> {
    upstreams: Vec<Upstream<'a>>,
    passes: Vec<Pass<'a>>,
    logs: Vec<Log<'a>>,
    /// Each `http` block, and whether an `access_log` is in it.
    https: Vec<(&'a Directive, bool)>,
    status: Vec<(&'a Directive, String)>,
}

impl<'a> Seen<'a> {
    fn walk(&mut self, directives: &'a [Directive], scope: &Scope<'a>) {
        let mut next = scope.next.clone();
        for d in directives {
            if d.block.is_none() && d.name.ends_with("_next_upstream") {
                next.retain(|n| n.name != d.name);
                next.push(d);
            }
        }
        let health = directives.iter().find(|d| d.name == "health_check");
        for d in directives {
            match (d.name.as_str(), &d.block) {
                ("upstream", Some(body)) => self.upstream(d, body),
                ("http", Some(body)) => {
                    let logs = self.logs.len();
                    self.walk(
                        body,
                        &Scope {
                            level: Level::Http,
                            place: "the http block".into(),
                            next: next.clone(),
                        },
                    );
                    let logged = self.logs[logs..].iter().any(|l| l.at.name == "access_log");
                    self.https.push((d, logged));
                }
                (name, Some(body)) => {
                    let (level, place) = match name {
                        "server" => (Level::Server, server_place(body)),
                        "location" => (Level::Location, format!("location `{}`", d.args_text())),
                        "if" | "limit_except" => (scope.level, scope.place.clone()),
                        _ => (Level::Other, format!("the {name} block")),
                    };
                    self.walk(
                        body,
                        &Scope {
                            level,
                            place,
                            next: next.clone(),
                        },
                    );
                }
                (name, None) if PASSES.contains(&name) => {
                    let Some(target) = d.arg(0) else { continue };
                    let prefix = name.trim_end_matches("_pass");
                    self.passes.push(Pass {
                        at: d,
                        target,
                        place: scope.place.clone(),
                        next_off: next
                            .iter()
                            .find(|n| {
                                n.name.strip_suffix("_next_upstream") == Some(prefix)
                                    && n.arg(0) == Some("off")
                            })
                            .copied(),
                        health,
                    });
                }
                ("access_log" | "error_log", None) if !d.args.is_empty() => {
                    self.logs.push(Log {
                        at: d,
                        level: scope.level,
                        place: scope.place.clone(),
                    });
                }
                ("stub_status", None) => self.status.push((d, scope.place.clone())),
                _ => {}
            }
        }
    }

    fn upstream(&mut self, d: &'a Directive, body: &'a [Directive]) {
        let Some(name) = d.arg(0) else { return };
        let servers = body
            .iter()
            .filter(|s| s.name == "server" && s.block.is_none())
            .filter_map(|s| {
                let address = s.arg(0)?;
                let param = |key: &str| {
                    s.args[1..]
                        .iter()
                        .find_map(|a| a.text.strip_prefix(key)?.strip_prefix('='))
                };
                let flag = |key: &str| s.args[1..].iter().any(|a| a.text == key);
                Some(Server {
                    at: s,
                    address,
                    backup: flag("backup"),
                    down: flag("down"),
                    max_fails: param("max_fails"),
                    fail_timeout: param("fail_timeout"),
                })
            })
            .collect();
        self.upstreams.push(Upstream {
            at: d,
            name,
            servers,
            check: body.iter().find(|c| c.name == "check" && c.block.is_none()),
        });
    }

    fn findings(&self, files: &[Source], out: &mut Deployment) {
        let place = |d: &Directive| Place {
            file: Arc::clone(&files[d.file].shown),
            line: d.line,
            column: d.col,
            template: None,
        };
        // The passes to each group, by the group's name (nginx compares names without case).
        let mut by_name: HashMap<String, Vec<&Pass>> = HashMap::new();
        for u in &self.upstreams {
            by_name.entry(u.name.to_ascii_lowercase()).or_default();
        }
        let mut literal: Vec<&Pass> = Vec::new();
        for p in &self.passes {
            if p.target.contains('$') {
                continue;
            }
            match by_name.get_mut(&host(p.target).to_ascii_lowercase()) {
                Some(passes) => passes.push(p),
                None => literal.push(p),
            }
        }
        let mut caveats: HashSet<(u32, u32, usize, &str)> = HashSet::new();
        for u in &self.upstreams {
            let passes = by_name
                .get(&u.name.to_ascii_lowercase())
                .map_or(&[][..], Vec::as_slice);
            out.findings.extend(upstream(u, passes, &place));
            if in_service(u) >= 2 {
                for p in passes {
                    let Some(off) = p.next_off else { continue };
                    if !caveats.insert((off.line, off.col, off.file, u.name)) {
                        continue;
                    }
                    out.findings.push(
                        Finding::new(
                            &signals::NGINX_PASSIVE,
                            Use::Partial,
                            format!("upstream {}", u.name),
                            format!(
                                "`{} off` is in force in {}: a request that fails on one server of upstream `{}` is not retried on another",
                                off.name, p.place, u.name
                            ),
                            place(off),
                        )
                        .caveat(),
                    );
                }
            }
        }
        for p in literal {
            let address = address(p.target);
            let verb = if p.at.name == "proxy_pass" {
                "proxies"
            } else {
                "passes requests"
            };
            out.findings.push(
                Finding::new(
                    &signals::NGINX_UPSTREAM,
                    Use::Partial,
                    p.place.clone(),
                    format!(
                        "{} {verb} to one address ({address}), with no group to fail over to{}",
                        p.place,
                        unless_resolves(address)
                    ),
                    Place {
                        file: Arc::clone(&files[p.at.file].shown),
                        line: p.at.args[0].line,
                        column: p.at.args[0].col,
                        template: None,
                    },
                )
                .fix(format!(
                    "define an `upstream` with two servers or more and point `{}` at it, or put a managed load balancer in front",
                    p.at.name
                )),
            );
        }
        for log in &self.logs {
            out.findings.push(log_finding(log, &place(log.at)));
        }
        for (http, logged) in &self.https {
            if !logged {
                out.findings.push(
                    Finding::new(
                        &signals::NGINX_ACCESS_LOG,
                        Use::Partial,
                        "access log",
                        "no `access_log` in the http block: nginx writes its compiled-in default file on this host (`logs/access.log`, or `/var/log/nginx/access.log` as packaged), which the official nginx image links to standard output",
                        place(http),
                    )
                    .fix("add `access_log /dev/stdout;` (or `syslog:server=...`) and collect it"),
                );
            }
        }
        for (d, at) in &self.status {
            out.findings.push(
                Finding::new(
                    &signals::NGINX_STATUS,
                    Use::Partial,
                    "stub_status",
                    format!(
                        "`stub_status` in {at} gives connection counters only, no per-upstream metrics"
                    ),
                    place(d),
                )
                .fix("scrape it with nginx-prometheus-exporter, and take per-upstream errors and latency from the access log (or NGINX Plus's `api`)"),
            );
        }
    }
}

/// "server `shop.example.com`" of a server block with a name, else "a server block".
fn server_place(body: &[Directive]) -> String {
    body.iter()
        .find(|c| c.name == "server_name")
        .and_then(|c| c.arg(0))
        .filter(|n| !n.is_empty() && *n != "_")
        .map_or_else(|| "a server block".to_owned(), |n| format!("server `{n}`"))
}

fn in_service(u: &Upstream) -> usize {
    u.servers.iter().filter(|s| !s.down).count()
}

/// The findings of one upstream group: how many servers share its traffic, and how it
/// finds out that one is down.
fn upstream(u: &Upstream, passes: &[&Pass], place: &dyn Fn(&Directive) -> Place) -> Vec<Finding> {
    let name = u.name;
    let subject = format!("upstream {name}");
    let active: Vec<&Server> = u.servers.iter().filter(|s| !s.backup && !s.down).collect();
    let backups: Vec<&Server> = u.servers.iter().filter(|s| s.backup && !s.down).collect();
    let mut found = Vec::new();
    let balance = match (active.as_slice(), backups.len()) {
        ([], _) => Finding::new(
            &signals::NGINX_UPSTREAM,
            Use::Unused,
            &subject,
            if u.servers.is_empty() {
                format!("upstream `{name}` has no server")
            } else {
                format!("upstream `{name}` has no server in service: each is marked `down` or `backup`")
            },
            place(u.at),
        )
        .fix(format!("add two servers (without `down`) to upstream `{name}`")),
        ([one], 0) => Finding::new(
            &signals::NGINX_UPSTREAM,
            Use::Partial,
            &subject,
            format!(
                "upstream `{name}` has one server ({}): nginx never marks the only server of a group unavailable, so there is nothing to fail over to{}",
                one.address,
                unless_resolves(one.address)
            ),
            place(one.at),
        )
        .fix(format!(
            "add a second `server` to upstream `{name}`, or put a managed load balancer in front"
        )),
        ([one], b) => Finding::new(
            &signals::NGINX_UPSTREAM,
            Use::Used,
            &subject,
            format!(
                "upstream `{name}` sends to one server ({}) and fails over to {} ({}) when it is unavailable",
                one.address,
                plural(b, "backup server"),
                list(&backups)
            ),
            place(u.at),
        ),
        (many, b) => {
            let mut message = format!(
                "upstream `{name}` balances over {} ({})",
                plural(many.len(), "server"),
                list(many)
            );
            if b > 0 {
                let _ = write!(
                    message,
                    ", with {} ({}) for when they are unavailable",
                    plural(b, "backup server"),
                    list(&backups)
                );
            }
            Finding::new(
                &signals::NGINX_UPSTREAM,
                Use::Used,
                &subject,
                message,
                place(u.at),
            )
        }
    };
    found.push(balance);
    let health = passes.iter().find_map(|p| p.health.map(|h| (h, p)));
    let checks = if let Some((h, p)) = health {
        Some(Finding::new(
            &signals::NGINX_PASSIVE,
            Use::Used,
            &subject,
            format!(
                "active checks: `health_check` (NGINX Plus) in {} probes the servers of upstream `{name}`",
                p.place
            ),
            place(h),
        ))
    } else if let Some(c) = u.check {
        Some(Finding::new(
            &signals::NGINX_PASSIVE,
            Use::Used,
            &subject,
            format!(
                "active checks: `check` (nginx_upstream_check_module) probes the servers of upstream `{name}`"
            ),
            place(c),
        ))
    } else if active.len() + backups.len() >= 2 {
        if !active.is_empty() && active.iter().all(|s| s.max_fails == Some("0")) {
            Some(
                Finding::new(
                    &signals::NGINX_PASSIVE,
                    Use::Unused,
                    &subject,
                    format!(
                        "upstream `{name}` sets `max_fails=0`, which turns passive checks off: a failing server keeps getting requests"
                    ),
                    place(u.at),
                )
                .fix(format!(
                    "remove `max_fails=0` from the servers of upstream `{name}`, or add an active health check in front"
                )),
            )
        } else {
            let first = active.first().or(backups.first());
            let max_fails = first.and_then(|s| s.max_fails);
            let fail_timeout = first.and_then(|s| s.fail_timeout);
            let after = match (max_fails, fail_timeout) {
                (None, None) => {
                    "1 failure for 10s (the defaults of max_fails and fail_timeout)".to_owned()
                }
                (m, t) => format!(
                    "max_fails={} failures for fail_timeout={}",
                    m.unwrap_or("1"),
                    t.unwrap_or("10s")
                ),
            };
            Some(
                Finding::new(
                    &signals::NGINX_PASSIVE,
                    Use::Partial,
                    &subject,
                    format!(
                        "upstream `{name}` has passive checks only: a server is skipped after {after}; nginx open source has no active `health_check`"
                    ),
                    place(u.at),
                )
                .fix("probe a health endpoint actively: NGINX Plus `health_check`, or a load balancer or orchestrator that checks each server"),
            )
        }
    } else if let [one] = active.as_slice() {
        Some(
            Finding::new(
                &signals::NGINX_PASSIVE,
                Use::Unused,
                &subject,
                format!(
                    "with one server in upstream `{name}`, max_fails and fail_timeout are ignored: nginx never marks {} unavailable",
                    one.address
                ),
                place(one.at),
            )
            .fix(format!(
                "add a second server to upstream `{name}`, or an active health check in front"
            )),
        )
    } else {
        None
    };
    found.extend(checks);
    found
}

fn log_finding(log: &Log, at: &Place) -> Finding {
    let d = log.at;
    let kind = if d.name == "access_log" {
        "access log"
    } else {
        "error log"
    };
    let target = d.arg(0).unwrap_or_default();
    let finding = |state: Use, message: String| {
        Finding::new(&signals::NGINX_ACCESS_LOG, state, kind, message, at.clone())
    };
    let fix = format!(
        "send the {kind} to `/dev/{}` or `syslog:server=...`, or ship the file with a log collector",
        if d.name == "access_log" {
            "stdout"
        } else {
            "stderr"
        }
    );
    match target {
        "off" if d.name == "access_log" => {
            if log.level == Level::Location {
                finding(
                    Use::Unused,
                    format!("access logging is off for {} only", log.place),
                )
                .caveat()
            } else {
                finding(
                    Use::Unused,
                    format!("access logging is off in {}", log.place),
                )
                .fix("log to standard output (`access_log /dev/stdout;`) or syslog, and collect it")
            }
        }
        "off" => finding(
            Use::Partial,
            "`error_log off` writes the error log to a file named `off` on this host".into(),
        )
        .fix(fix),
        "stderr" | "/dev/stdout" | "/dev/stderr" | "/proc/self/fd/1" | "/proc/self/fd/2" => {
            finding(
                Use::Used,
                format!("the {kind} goes to `{target}`, which the container runtime collects"),
            )
        }
        t if t.starts_with("syslog:") => {
            finding(Use::Used, format!("the {kind} is sent to syslog (`{t}`)"))
        }
        t if t.starts_with("memory:") => finding(
            Use::Partial,
            format!("the {kind} is kept in a memory buffer (`{t}`), for debugging"),
        )
        .fix(fix),
        t => {
            let linked = match t {
                "/var/log/nginx/access.log" => {
                    ", which the official nginx image links to standard output"
                }
                "/var/log/nginx/error.log" => {
                    ", which the official nginx image links to standard error"
                }
                _ => "",
            };
            finding(
                Use::Partial,
                format!("the {kind} is written to a file on this host (`{t}`){linked}"),
            )
            .fix(fix)
        }
    }
}

/// The host part of a pass's target: `app` of `http://app/path` or `app:8080`.
fn host(target: &str) -> &str {
    let address = address(target);
    if address.starts_with('[') {
        return address.split_once(']').map_or(address, |(h, _)| &h[1..]);
    }
    address.split(':').next().unwrap_or(address)
}

/// The address of a pass's target, without scheme and path: `app:8080`.
fn address(target: &str) -> &str {
    let rest = target.split_once("://").map_or(target, |(_, r)| r);
    if rest.starts_with("unix:") {
        return rest;
    }
    rest.split('/').next().unwrap_or(rest)
}

/// ", unless `api` resolves to several addresses", for a server named by a host name (nginx
/// makes one server of each address a name resolves to at start).
fn unless_resolves(address: &str) -> String {
    let h = host(address);
    if h.is_empty()
        || address.starts_with("unix:")
        || h.eq_ignore_ascii_case("localhost")
        || h.parse::<std::net::IpAddr>().is_ok()
    {
        String::new()
    } else {
        format!(", unless `{h}` resolves to several addresses")
    }
}

fn list(servers: &[&Server]) -> String {
    let mut names: Vec<&str> = servers.iter().take(3).map(|s| s.address).collect();
    if servers.len() > 3 {
        names.push("...");
    }
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::scan;

    fn run(text: &str) -> (Deployment, Diagnostics) {
        crate::scan::testing::texts(&[("nginx.conf", text)])
    }

    /// (signal, state, counts, `line:column`) of this reader's findings.
    fn seen(d: &Deployment) -> Vec<(&'static str, Use, bool, String)> {
        crate::scan::testing::seen(d, "nginx-")
    }

    fn one<'a>(d: &'a Deployment, signal: &str) -> &'a Finding {
        crate::scan::testing::one(d, signal, "")
    }

    const ONE: &str = "events {}\nhttp {\n    access_log /dev/stdout;\n    upstream app {\n        server localhost:5000;\n    }\n    server {\n        location / {\n            proxy_pass http://app;\n        }\n    }\n}\n";

    #[test]
    fn tokens_keep_quoted_semicolons_and_braces_in_one_word_with_places() {
        let mut lexer = Lexer::new(
            "add_header X \"a;b{c}\" always; # } {\nreturn 200 'it\\'s';\nset $a ${b}c;",
        );
        let mut toks = Vec::new();
        while let Some(t) = lexer.next_token() {
            let t = t.unwrap();
            toks.push((t.tok, t.line, t.col));
        }
        let w = |s: &str| Tok::Word(s.into());
        assert_eq!(
            toks,
            [
                (w("add_header"), 1, 1),
                (w("X"), 1, 12),
                (w("a;b{c}"), 1, 14),
                (w("always"), 1, 23),
                (Tok::Semi, 1, 29),
                (w("return"), 2, 1),
                (w("200"), 2, 8),
                (w("it's"), 2, 12),
                (Tok::Semi, 2, 19),
                (w("set"), 3, 1),
                (w("$a"), 3, 5),
                (w("${b}c"), 3, 8),
                (Tok::Semi, 3, 13),
            ]
        );
    }

    #[test]
    fn directives_nest_with_their_places() {
        let parsed = parse("http {\n  server { listen 80; }\n}\n", 0, 0).unwrap();
        assert_eq!(parsed.len(), 1);
        let http = &parsed[0];
        assert_eq!((http.name.as_str(), http.line, http.col), ("http", 1, 1));
        let server = &http.block.as_ref().unwrap()[0];
        assert_eq!((server.line, server.col), (2, 3));
        let listen = &server.block.as_ref().unwrap()[0];
        assert_eq!(
            (
                listen.name.as_str(),
                listen.args[0].text.as_str(),
                listen.args[0].line,
                listen.args[0].col
            ),
            ("listen", "80", 2, 19)
        );
    }

    #[test]
    fn looks_like_nginx_and_not_like_other_files() {
        assert!(looks_like(ONE));
        assert!(looks_like("server {\n    listen 80;\n}\n"));
        assert!(looks_like("upstream api {\n    server 10.0.0.7:8080;\n}\n"));
        assert!(looks_like("user nginx;\nworker_processes auto;\n"));
        assert!(looks_like(
            "# comment\nlocation = /x {\n    return 200;\n}\n"
        ));
        assert!(!looks_like("services:\n  web:\n    image: nginx\n"));
        assert!(!looks_like(
            "FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/nginx.conf\n"
        ));
        assert!(!looks_like("#!/bin/sh\nset -e; docker run -d nginx\n"));
        assert!(!looks_like("[server]\nport = 80\nlocation = { a = 1 }\n"));
        assert!(!looks_like("; comment\n[http]\nkey=value\n"));
        assert!(!looks_like(
            "server 0.pool.ntp.org iburst\ndriftfile /var/lib/ntp\n"
        ));
        assert!(!looks_like(
            "options { directory \"/var\"; };\nserver 10.0.0.1 { keys k; };\n"
        ));
        assert!(!looks_like("user nginx;\n"));
    }

    #[test]
    fn nginx_upstream_one_server_is_partial_at_the_server_line() {
        let (d, diags) = run(ONE);
        assert!(diags.is_empty(), "{:?}", diags.codes());
        let f = one(&d, "nginx-upstream");
        assert_eq!((f.state, f.at.line, f.at.column), (Use::Partial, 5, 9));
        assert_eq!(f.subject, "upstream app");
        assert_eq!(
            f.message,
            "upstream `app` has one server (localhost:5000): nginx never marks the only server of a group unavailable, so there is nothing to fail over to"
        );
        assert_eq!(
            f.fix.as_deref(),
            Some(
                "add a second `server` to upstream `app`, or put a managed load balancer in front"
            )
        );
    }

    #[test]
    fn nginx_upstream_one_named_server_may_resolve_to_several() {
        let (d, _) = run("http {\n access_log off;\n upstream app { server api:5000; }\n}\n");
        let f = one(&d, "nginx-upstream");
        assert!(
            f.message
                .ends_with(", unless `api` resolves to several addresses"),
            "{}",
            f.message
        );
    }

    #[test]
    fn nginx_passive_checks_with_one_server_are_unused() {
        let (d, _) = run(ONE);
        let f = one(&d, "nginx-passive-checks");
        assert_eq!(
            (f.state, f.counts, f.at.line, f.at.column),
            (Use::Unused, true, 5, 9)
        );
        assert_eq!(
            f.message,
            "with one server in upstream `app`, max_fails and fail_timeout are ignored: nginx never marks localhost:5000 unavailable"
        );
        assert_eq!(
            f.fix.as_deref(),
            Some("add a second server to upstream `app`, or an active health check in front")
        );
    }

    const TWO: &str = "http {\n  access_log syslog:server=10.0.0.1;\n  upstream api {\n    server 10.0.0.7:8080 max_fails=3 fail_timeout=30s;\n    server 10.0.0.8:8080 max_fails=3 fail_timeout=30s;\n    server 10.0.0.9:8080 backup;\n  }\n  proxy_next_upstream off;\n  server {\n    location / { proxy_pass http://api/v1; }\n    location /b { proxy_pass http://api; }\n  }\n}\n";

    #[test]
    fn nginx_upstream_two_servers_are_used_at_the_upstream_line() {
        let (d, diags) = run(TWO);
        assert!(diags.is_empty(), "{:?}", diags.codes());
        let f = one(&d, "nginx-upstream");
        assert_eq!((f.state, f.at.line, f.at.column), (Use::Used, 3, 3));
        assert_eq!(
            f.message,
            "upstream `api` balances over 2 servers (10.0.0.7:8080, 10.0.0.8:8080), with 1 backup server (10.0.0.9:8080) for when they are unavailable"
        );
        assert!(f.fix.is_none());
    }

    #[test]
    fn nginx_passive_checks_of_a_group_are_partial_and_next_upstream_off_is_a_caveat() {
        let (d, _) = run(TWO);
        let passive: Vec<_> = seen(&d)
            .into_iter()
            .filter(|s| s.0 == "nginx-passive-checks")
            .collect();
        assert_eq!(
            passive,
            [
                ("nginx-passive-checks", Use::Partial, true, "3:3".into()),
                ("nginx-passive-checks", Use::Partial, false, "8:3".into()),
            ]
        );
        let f = d
            .findings
            .iter()
            .find(|f| f.counts && f.signal == "nginx-passive-checks")
            .unwrap();
        assert_eq!(
            f.message,
            "upstream `api` has passive checks only: a server is skipped after max_fails=3 failures for fail_timeout=30s; nginx open source has no active `health_check`"
        );
        let c = d.findings.iter().find(|f| !f.counts).unwrap();
        assert!(c.message.contains("location `/`"), "{}", c.message);
    }

    #[test]
    fn nginx_passive_checks_are_used_with_a_plus_health_check() {
        let (d, _) = run(
            "http {\n access_log off;\n upstream api { server a:1; server b:1; }\n server {\n  location / {\n   proxy_pass http://api;\n   health_check;\n  }\n }\n}\n",
        );
        let f = one(&d, "nginx-passive-checks");
        assert_eq!((f.state, f.at.line, f.at.column), (Use::Used, 7, 4));
    }

    #[test]
    fn nginx_passive_checks_off_with_max_fails_zero() {
        let (d, _) = run(
            "http {\n access_log off;\n upstream api { server a:1 max_fails=0; server b:1 max_fails=0; }\n}\n",
        );
        let f = one(&d, "nginx-passive-checks");
        assert_eq!((f.state, f.at.line, f.at.column), (Use::Unused, 3, 2));
    }

    #[test]
    fn nginx_upstream_proxy_pass_to_one_address_is_partial() {
        let (d, _) = run(
            "http {\n access_log /dev/stdout;\n server {\n  location /api/ {\n   proxy_pass http://10.0.0.5:8080/;\n  }\n  location /v { proxy_pass http://$b; }\n }\n}\n",
        );
        let f = one(&d, "nginx-upstream");
        assert_eq!((f.state, f.at.line, f.at.column), (Use::Partial, 5, 15));
        assert_eq!(
            f.message,
            "location `/api/` proxies to one address (10.0.0.5:8080), with no group to fail over to"
        );
        assert!(f.fix.is_some());
    }

    #[test]
    fn nginx_access_log_states() {
        let (d, _) = run(
            "http {\n access_log /var/log/nginx/access.log main;\n server {\n  access_log /dev/stdout;\n  location /health { access_log off; }\n }\n server { access_log off; }\n}\n",
        );
        let logs: Vec<_> = seen(&d)
            .into_iter()
            .filter(|s| s.0 == "nginx-access-log")
            .collect();
        assert_eq!(
            logs,
            [
                ("nginx-access-log", Use::Partial, true, "2:2".into()),
                ("nginx-access-log", Use::Used, true, "4:3".into()),
                ("nginx-access-log", Use::Unused, false, "5:22".into()),
                ("nginx-access-log", Use::Unused, true, "7:11".into()),
            ]
        );
        let file = d.findings.iter().find(|f| f.at.line == 2).unwrap();
        assert_eq!(
            file.message,
            "the access log is written to a file on this host (`/var/log/nginx/access.log`), which the official nginx image links to standard output"
        );
    }

    #[test]
    fn nginx_access_log_default_is_partial_at_the_http_line() {
        let (d, _) = run("events {}\n\nhttp {\n    server { listen 80; }\n}\n");
        let f = one(&d, "nginx-access-log");
        assert_eq!((f.state, f.at.line, f.at.column), (Use::Partial, 3, 1));
        assert!(f.message.contains("logs/access.log"), "{}", f.message);
    }

    #[test]
    fn nginx_stub_status_is_partial() {
        let (d, _) = run("server {\n    location /status {\n        stub_status;\n    }\n}\n");
        let f = one(&d, "nginx-stub-status");
        assert_eq!((f.state, f.at.line, f.at.column), (Use::Partial, 3, 9));
        assert_eq!(
            f.message,
            "`stub_status` in location `/status` gives connection counters only, no per-upstream metrics"
        );
    }

    fn error(text: &str) -> (Vec<(&'static str, String)>, usize) {
        let (d, diags) = run(text);
        (diags.codes(), seen(&d).len())
    }

    #[test]
    fn an_unclosed_block_is_an_error_at_its_brace_and_gives_no_findings() {
        let text = "events {\n}\n\nhttp {\n  upstream app { server a:1; server b:1; }\n";
        assert_eq!(
            error(text),
            (vec![("nginx-syntax", "nginx.conf:4:6".into())], 0)
        );
    }

    #[test]
    fn a_stray_brace_is_an_error() {
        assert_eq!(
            error("http {\n  server { listen 80; }\n}\n}\n"),
            (vec![("nginx-syntax", "nginx.conf:4:1".into())], 0)
        );
    }

    #[test]
    fn an_unterminated_quote_is_an_error_at_the_quote() {
        assert_eq!(
            error("http {\n  listen 80;\n  return 200 \"abc;\n}\n"),
            (vec![("nginx-syntax", "nginx.conf:3:14".into())], 0)
        );
    }

    #[test]
    fn a_missing_semicolon_is_an_error() {
        assert_eq!(
            error("http {\n  sendfile on;\n  server { listen 80 }\n}\n"),
            (vec![("nginx-syntax", "nginx.conf:3:22".into())], 0)
        );
        assert_eq!(
            error("events {}\nhttp { sendfile on; }\nuser nginx"),
            (vec![("nginx-syntax", "nginx.conf:3:1".into())], 0)
        );
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_an_error_without_recursion() {
        let mut text = String::from("user nginx;\nhttp {\n");
        for _ in 0..10_000 {
            text.push_str("location / {\n");
        }
        for _ in 0..10_001 {
            text.push_str("}\n");
        }
        let (codes, findings) = error(&text);
        assert_eq!(codes, [("nginx-limit", "nginx.conf:66:12".into())]);
        assert_eq!(findings, 0);
    }

    #[test]
    fn an_include_chain_past_the_limit_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("nginx.conf"), "user nginx;\ninclude f0.conf;\n").unwrap();
        for i in 0..300 {
            std::fs::write(
                root.join(format!("f{i}.conf")),
                format!("include f{}.conf;\n", i + 1),
            )
            .unwrap();
        }
        let mut diags = Diagnostics::default();
        let d = scan(&[root.join("nginx.conf").display().to_string()], &mut diags);
        let at = root.join("f255.conf").display().to_string();
        assert_eq!(diags.codes(), [("nginx-limit", format!("{at}:1:1"))]);
        assert!(seen(&d).is_empty());
    }

    #[test]
    fn many_groups_and_passes_are_read_in_linear_time() {
        let mut text = String::from("http {\naccess_log off;\n");
        for i in 0..20_000 {
            let _ = writeln!(text, "upstream u{i} {{ server a:1; server b:1; }}");
            let _ = writeln!(
                text,
                "server {{ location / {{ proxy_pass http://u{i}; }} }}"
            );
        }
        text.push_str("}\n");
        let started = std::time::Instant::now();
        let (d, diags) = run(&text);
        assert!(diags.is_empty());
        assert_eq!(seen(&d).len(), 40_001);
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn random_text_never_panics() {
        const PIECES: [&str; 16] = [
            "http",
            "server",
            "upstream a",
            "location /",
            "include x",
            "{",
            "}",
            ";",
            "\"",
            "'",
            "\\",
            "#",
            "\n",
            " ",
            "proxy_pass http://a",
            "é",
        ];
        for text in crate::scan::testing::random_texts(&PIECES, 0x9e37_79b9_7f4a_7c15_u64) {
            let _ = looks_like(&text);
            let mut diags = Diagnostics::default();
            let input = Input {
                file: Arc::new(SourceFile::new("r.conf".into(), text)),
                shown: Arc::from("r.conf"),
                path: None,
            };
            let mut out = Deployment::default();
            read(&input, &Context::default(), &mut out, &mut diags);
        }
    }

    #[test]
    fn the_glob_matches_names_as_nginx_does() {
        assert!(glob("*.conf", "site.conf"));
        assert!(!glob("*.conf", "site.conf.bak"));
        assert!(glob("s?te*", "site.conf"));
        assert!(glob("*", "a"));
        assert!(!glob("a*b*c", "abd"));
    }

    #[test]
    fn includes_are_read_in_place_once_with_their_own_places() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("conf.d")).unwrap();
        std::fs::write(
            root.join("nginx.conf"),
            "http {\n  access_log off;\n  include conf.d/*.conf;\n  include conf.d/b.conf;\n  include missing.conf;\n  include mime.types;\n}\n",
        )
        .unwrap();
        std::fs::write(
            root.join("conf.d/a.conf"),
            "server {\n  location / { proxy_pass http://api; }\n}\n",
        )
        .unwrap();
        std::fs::write(
            root.join("conf.d/b.conf"),
            "upstream api {\n  server 10.0.0.1:80;\n}\ninclude ../nginx.conf;\n",
        )
        .unwrap();
        std::fs::write(root.join("conf.d/c.txt"), "not nginx {").unwrap();
        let mut diags = Diagnostics::default();
        let d = scan(&[root.join("nginx.conf").display().to_string()], &mut diags);
        let top = root.join("nginx.conf").display().to_string();
        assert_eq!(diags.codes(), [("include-not-found", format!("{top}:5:3"))]);
        let shown: Vec<&str> = d.files.iter().map(|f| &*f.path).collect();
        let base = root.display().to_string();
        assert_eq!(
            shown,
            [
                format!("{base}/conf.d/a.conf"),
                format!("{base}/conf.d/b.conf"),
                top.clone()
            ]
        );
        // The upstream of b.conf is the one a.conf proxies to: no single-address finding.
        let f = one(&d, "nginx-upstream");
        assert_eq!(&*f.at.file, format!("{base}/conf.d/b.conf"));
        assert_eq!((f.at.line, f.at.column), (2, 3));
    }

    #[test]
    fn an_error_in_an_included_file_stops_the_configuration() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("nginx.conf"),
            "http {\n  include bad.conf;\n  upstream a { server x:1; }\n}\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("bad.conf"), "server {\n").unwrap();
        let mut diags = Diagnostics::default();
        let d = scan(&[dir.path().display().to_string()], &mut diags);
        let bad = dir.path().join("bad.conf").display().to_string();
        assert_eq!(diags.codes(), [("nginx-syntax", format!("{bad}:1:8"))]);
        assert!(seen(&d).is_empty(), "{:#?}", d.findings);
    }

    #[test]
    fn the_fixture_folder_reads_nginx_conf_with_its_includes() {
        let mut diags = Diagnostics::default();
        let d = scan(&["tests/fixtures/scan/nginx".into()], &mut diags);
        assert!(diags.is_empty(), "{:?}", diags.codes());
        let files: Vec<&str> = d.files.iter().map(|f| &*f.path).collect();
        assert_eq!(
            files,
            [
                "tests/fixtures/scan/nginx/conf.d/site.conf",
                "tests/fixtures/scan/nginx/conf.d/upstreams.conf",
                "tests/fixtures/scan/nginx/nginx.conf",
                "tests/fixtures/scan/nginx/one-server.conf",
            ]
        );
        let got: Vec<(String, &str, Use, bool)> = d
            .findings
            .iter()
            .filter(|f| f.signal.starts_with("nginx-"))
            .map(|f| {
                let file = f.at.file.rsplit('/').next().unwrap_or_default();
                (
                    format!("{file}:{}:{}", f.at.line, f.at.column),
                    f.signal,
                    f.state,
                    f.counts,
                )
            })
            .collect();
        let want = [
            (
                "one-server.conf:5:9",
                "nginx-passive-checks",
                Use::Unused,
                true,
            ),
            (
                "upstreams.conf:2:1",
                "nginx-passive-checks",
                Use::Partial,
                true,
            ),
            (
                "upstreams.conf:12:5",
                "nginx-passive-checks",
                Use::Unused,
                true,
            ),
            ("one-server.conf:5:9", "nginx-upstream", Use::Partial, true),
            ("upstreams.conf:2:1", "nginx-upstream", Use::Used, true),
            ("upstreams.conf:12:5", "nginx-upstream", Use::Partial, true),
            ("nginx.conf:4:1", "nginx-access-log", Use::Partial, true),
            ("nginx.conf:20:5", "nginx-access-log", Use::Partial, true),
            (
                "one-server.conf:3:1",
                "nginx-access-log",
                Use::Partial,
                true,
            ),
            ("site.conf:40:9", "nginx-stub-status", Use::Partial, true),
        ];
        let mut got_sorted = got.clone();
        got_sorted.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
        let mut want_sorted: Vec<(String, &str, Use, bool)> = want
            .iter()
            .map(|w| (w.0.to_owned(), w.1, w.2, w.3))
            .collect();
        want_sorted.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
        assert_eq!(got_sorted, want_sorted);
    }

    #[test]
    fn the_hostile_fixtures_are_located_errors() {
        for (file, code, at) in [
            ("nginx-unclosed.conf", "nginx-syntax", ":5:6"),
            ("nginx-deep.conf", "nginx-limit", ":69:12"),
        ] {
            let path = format!("tests/fixtures/scan/hostile/{file}");
            let mut diags = Diagnostics::default();
            let d = scan(std::slice::from_ref(&path), &mut diags);
            assert_eq!(diags.codes(), [(code, format!("{path}{at}"))], "{file}");
            assert!(seen(&d).is_empty(), "{file}");
        }
    }

    #[test]
    fn the_seed_stack_nginx_has_one_server_and_default_logs() {
        let mut diags = Diagnostics::default();
        let d = scan(&["examples/seed-stack/nginx.conf".into()], &mut diags);
        assert!(diags.is_empty(), "{:?}", diags.codes());
        assert_eq!(
            seen(&d),
            [
                ("nginx-upstream", Use::Partial, true, "16:9".into()),
                ("nginx-passive-checks", Use::Unused, true, "16:9".into()),
                ("nginx-access-log", Use::Partial, true, "8:1".into()),
            ]
        );
    }
}
