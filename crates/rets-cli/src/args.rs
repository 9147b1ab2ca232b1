//! The command-line contract of `rets-portal`. Scripts and outside checks rely
//! on these names and shapes: change them only by adding.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Work with MLS servers over RETS 1.5–1.8 from the command line.
#[derive(Debug, Parser)]
#[command(name = "rets-portal", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a DMQL2 search and write every matching record (paging past server caps).
    Search(SearchArgs),
    /// Download the server's metadata (resources, classes, fields, lookups).
    Metadata(MetadataArgs),
    /// Download objects (photos) for listings into a folder.
    Objects(ObjectsArgs),
    /// Keep a local SQLite replica of a class in step with the server (reruns are incremental).
    Sync(SyncArgs),
    /// Write listings from a local replica to NDJSON, CSV or XLSX.
    Export(ExportArgs),
    /// Market statistics, forecasts, valuations and CMA from a local replica.
    Analytics(AnalyticsArgs),
}

/// How to reach the MLS: a RETS login URL and credentials, a connection saved in
/// the desktop app, or the built-in Demo MLS.
#[derive(Debug, Clone, Args)]
pub struct ConnArgs {
    /// Use the built-in Demo MLS (a simulated server started in this process).
    #[arg(long, conflicts_with_all = ["login_url", "username", "password", "connection"])]
    pub demo: bool,
    /// Use a connection saved in the desktop app, by name (its password comes
    /// from the app's keychain entry or encrypted password file).
    #[arg(long, env = "RETS_CONNECTION", conflicts_with_all = ["login_url", "username", "password"])]
    pub connection: Option<String>,
    /// The desktop app's data folder, for --connection (default: the app's own).
    #[arg(long, env = "RETS_PORTAL_APP_DATA", requires = "connection")]
    pub app_data: Option<std::path::PathBuf>,
    /// RETS login URL, e.g. https://rets.example.com/rets/login
    #[arg(long, env = "RETS_LOGIN_URL", required_unless_present_any = ["demo", "connection"])]
    pub login_url: Option<String>,
    /// RETS user name.
    #[arg(long, env = "RETS_USERNAME", required_unless_present_any = ["demo", "connection"])]
    pub username: Option<String>,
    /// RETS password.
    #[arg(
        long,
        env = "RETS_PASSWORD",
        hide_env_values = true,
        required_unless_present_any = ["demo", "connection"]
    )]
    pub password: Option<String>,
    /// User agent to send (some servers require a registered one).
    #[arg(long, env = "RETS_USER_AGENT")]
    pub user_agent: Option<String>,
    /// User-agent password, for servers that require RETS-UA-Authorization.
    #[arg(long, env = "RETS_UA_PASSWORD", hide_env_values = true)]
    pub ua_password: Option<String>,
    /// RETS version to request, e.g. RETS/1.7.2.
    #[arg(long, env = "RETS_VERSION")]
    pub rets_version: Option<String>,
    /// Let the server send requests (and so your credentials) to other hosts,
    /// ports or plain HTTP than the login URL's. Off by default; use only for a
    /// server you trust that needs it.
    #[arg(long)]
    pub allow_insecure: bool,
    /// Largest reply read whole (login, metadata, one photo), in MiB after
    /// decompression; a bigger one fails instead of exhausting memory.
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..=1_048_576))]
    pub max_reply_mib: u64,
}

/// Output format of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// One JSON object per record, keys are SystemNames, values strings as sent.
    Ndjson,
    /// RFC 4180 CSV with a header row.
    Csv,
    /// An Excel workbook: one sheet, header row, numeric fields as numbers.
    Xlsx,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub conn: ConnArgs,
    /// Resource to search, e.g. Property.
    #[arg(long)]
    pub resource: String,
    /// Class to search, e.g. Residential.
    #[arg(long)]
    pub class: String,
    /// DMQL2 query, e.g. "(ListPrice=100000-200000),(Status=|A)". With
    /// --keys-from it is AND-ed with the key list.
    #[arg(long, required_unless_present = "keys_from")]
    pub query: Option<String>,
    #[command(flatten)]
    pub keys: KeysFromArgs,
    /// Field the keys of --keys-from are matched against (default: the
    /// resource's KeyField from metadata).
    #[arg(long, requires = "keys_from")]
    pub key_field: Option<String>,
    /// Fields to return (SystemNames, comma separated).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Return at most this many records (default: all).
    #[arg(long)]
    pub limit: Option<u64>,
    /// Decode lookup codes into their long values.
    #[arg(long)]
    pub decode: bool,
    /// Print only the number of matching records.
    #[arg(long)]
    pub count_only: bool,
    /// Output format.
    #[arg(long, value_enum, required_unless_present = "count_only")]
    pub format: Option<SearchFormat>,
    /// Output file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// A spreadsheet (XLSX, XLS, XLSB, ODS or CSV) holding listing keys, which
/// narrows a search or an export to those listings.
#[derive(Debug, Clone, Args)]
pub struct KeysFromArgs {
    /// Read listing keys from this spreadsheet (XLSX, XLS, XLSB, ODS, CSV).
    #[arg(long, value_name = "FILE")]
    pub keys_from: Option<PathBuf>,
    /// Sheet of --keys-from to read (default: the first sheet with data).
    #[arg(long, requires = "keys_from")]
    pub sheet: Option<String>,
    /// Column of --keys-from holding the keys: header text or letter (default: A).
    #[arg(long, requires = "keys_from")]
    pub key_column: Option<String>,
    /// The first row of --keys-from is a key, not a header.
    #[arg(long, requires = "keys_from")]
    pub no_header: bool,
}

/// Output format of `metadata`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetadataFormat {
    /// JSON: resources with classes, fields and lookups.
    Json,
}

#[derive(Debug, Args)]
pub struct MetadataArgs {
    #[command(flatten)]
    pub conn: ConnArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: MetadataFormat,
    /// Output file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ObjectsArgs {
    #[command(flatten)]
    pub conn: ConnArgs,
    /// Resource the objects belong to, e.g. Property.
    #[arg(long)]
    pub resource: String,
    /// Object type, e.g. Photo.
    #[arg(long = "type")]
    pub object_type: String,
    /// Listing keys and object ids, e.g. "K1:*,K2:1:3" (* = all objects).
    #[arg(long)]
    pub ids: String,
    /// Folder to write the objects into (created if missing).
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The replica database (created if missing).
    #[arg(long)]
    pub db: PathBuf,
    #[command(flatten)]
    pub conn: ConnArgs,
    /// Resource to replicate, e.g. Property.
    #[arg(long)]
    pub resource: String,
    /// Class to replicate, e.g. Residential.
    #[arg(long)]
    pub class: String,
    /// DMQL2 query selecting the listings to keep (default: all).
    #[arg(long)]
    pub query: Option<String>,
    /// Also download photos into this folder (`<key>-<object id>.<ext>`).
    #[arg(long)]
    pub photos: Option<PathBuf>,
}

/// Which metadata name heads each exported column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HeaderNames {
    /// SystemName (as the server sends it).
    System,
    /// RESO StandardName (SystemName where there is none).
    Standard,
    /// LongName (SystemName where there is none).
    Long,
    /// DBName (SystemName where the replica's metadata has none).
    Dbname,
}

/// Lookup fields as stored codes or as their LongValues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LookupValues {
    /// Codes exactly as the server sent them.
    Raw,
    /// LongValues (each code of a multi-value lookup).
    Decoded,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The replica database.
    #[arg(long)]
    pub db: PathBuf,
    /// Saved connection name, when the replica holds this class for several connections.
    #[arg(long)]
    pub connection: Option<String>,
    /// Resource, e.g. Property.
    #[arg(long)]
    pub resource: String,
    /// Class, e.g. Residential.
    #[arg(long)]
    pub class: String,
    /// Keep only listings whose FIELD equals VALUE (repeatable; all must match).
    #[arg(long = "where", value_name = "FIELD=VALUE")]
    pub filters: Vec<String>,
    #[command(flatten)]
    pub keys: KeysFromArgs,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: SearchFormat,
    /// Output file.
    #[arg(long)]
    pub out: PathBuf,
    /// Column headers: SystemName, StandardName, LongName or DBName.
    #[arg(long, value_enum, default_value = "system")]
    pub headers: HeaderNames,
    /// Lookup values as stored codes or decoded to their LongValues.
    #[arg(long, value_enum, default_value = "raw")]
    pub lookups: LookupValues,
    /// Add a "Photos" column with the path of each listing's first downloaded photo.
    #[arg(long)]
    pub photos_column: bool,
}

/// `rets-portal analytics …`: market statistics, forecasts, valuations and CMA
/// from a local replica (made with `rets-portal sync` or the desktop app).
#[derive(Debug, Args)]
pub struct AnalyticsArgs {
    #[command(subcommand)]
    pub command: AnalyticsCommand,
}

#[derive(Debug, Subcommand)]
pub enum AnalyticsCommand {
    /// Market statistics by area and period (sales, inventory, prices, days on market, changes).
    Stats(StatsArgs),
    /// Forecast an area's monthly median close price, closed sales or inventory with intervals.
    Forecast(ForecastArgs),
    /// Estimate listings' values with the automated valuation model (80 % intervals).
    Estimate(EstimateArgs),
    /// Measure the valuation model's error by cross-validation and on a time split.
    Evaluate(EvaluateArgs),
    /// Comparative market analysis of one listing: comparables, adjustments, value.
    Cma(CmaArgs),
    /// Show which field plays which role (close price, living area, …); save a mapping.
    Fields(FieldsArgs),
}

/// The replicated class analytics read.
#[derive(Debug, Clone, Args)]
pub struct ReplicaClassArgs {
    /// The replica database.
    #[arg(long)]
    pub db: PathBuf,
    /// Saved connection name, when the replica holds this class for several connections.
    #[arg(long)]
    pub connection: Option<String>,
    /// Resource, e.g. Property.
    #[arg(long)]
    pub resource: String,
    /// Class, e.g. Residential.
    #[arg(long)]
    pub class: String,
    /// Use FIELD for ROLE this time (e.g. close_price=SOLD_AMT); repeatable.
    /// `analytics fields --map … --save` keeps a mapping for later runs.
    #[arg(long = "map", value_name = "ROLE=FIELD")]
    pub map: Vec<String>,
}

/// Statistics period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    Week,
    Month,
    Quarter,
    Year,
}

/// Table formats of analytics output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormatArg {
    Csv,
    Ndjson,
    Xlsx,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub class: ReplicaClassArgs,
    /// Area: city, postal, county, subdivision, or any field's SystemName.
    #[arg(long)]
    pub by: String,
    /// Period length.
    #[arg(long, value_enum)]
    pub period: PeriodArg,
    /// First date to report (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long)]
    pub from: Option<String>,
    /// Last date to report (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long)]
    pub to: Option<String>,
    /// Keep only listings whose FIELD equals VALUE (repeatable; all must match).
    #[arg(long = "where", value_name = "FIELD=VALUE")]
    pub filters: Vec<String>,
    /// Split each area by property type.
    #[arg(long)]
    pub by_type: bool,
    #[command(flatten)]
    pub within: WithinArgs,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: TableFormatArg,
    /// Output file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// An area drawn on a map.
#[derive(Debug, Clone, Args)]
pub struct WithinArgs {
    /// Only listings within a circle: LAT,LON,MILES.
    #[arg(long, value_name = "LAT,LON,MILES", conflicts_with = "polygon")]
    pub radius: Option<String>,
    /// Only listings inside a polygon: "LAT,LON;LAT,LON;LAT,LON;…".
    #[arg(long, value_name = "LAT,LON;…")]
    pub polygon: Option<String>,
}

/// What `analytics forecast` forecasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetricArg {
    #[value(name = "median_close_price")]
    MedianClosePrice,
    #[value(name = "closed_sales")]
    ClosedSales,
    #[value(name = "inventory")]
    Inventory,
}

/// Output formats of `analytics forecast`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ForecastFormatArg {
    Csv,
    Ndjson,
    Json,
}

#[derive(Debug, Args)]
pub struct ForecastArgs {
    #[command(flatten)]
    pub class: ReplicaClassArgs,
    /// Area field: city, postal, county, subdivision, or a SystemName.
    #[arg(long)]
    pub by: String,
    /// The area (a value of --by, raw or its lookup's long value).
    #[arg(long)]
    pub area: String,
    /// What to forecast.
    #[arg(long, value_enum)]
    pub metric: MetricArg,
    /// Months ahead (1–12).
    #[arg(long)]
    pub horizon: usize,
    /// Keep only listings whose FIELD equals VALUE (repeatable).
    #[arg(long = "where", value_name = "FIELD=VALUE")]
    pub filters: Vec<String>,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ForecastFormatArg,
    /// Output file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("subjects").required(true).args(["key", "keys_from"])))]
pub struct EstimateArgs {
    #[command(flatten)]
    pub class: ReplicaClassArgs,
    /// The listing to value (repeatable).
    #[arg(long)]
    pub key: Vec<String>,
    #[command(flatten)]
    pub keys: KeysFromArgs,
    /// Use the on-market model, which may use the list price.
    #[arg(long)]
    pub on_market: bool,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: TableFormatArg,
    /// Output file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Output format of `analytics evaluate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum JsonFormatArg {
    Json,
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    #[command(flatten)]
    pub class: ReplicaClassArgs,
    /// Cross-validation folds.
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Evaluate the on-market model (uses the list price).
    #[arg(long)]
    pub on_market: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: JsonFormatArg,
    /// Output file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Output formats of `analytics cma`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CmaFormatArg {
    Csv,
    Json,
    Xlsx,
}

#[derive(Debug, Args)]
pub struct CmaArgs {
    #[command(flatten)]
    pub class: ReplicaClassArgs,
    /// The subject's listing key.
    #[arg(long, required_unless_present = "address")]
    pub subject: Option<String>,
    /// The subject's address, instead of its key.
    #[arg(long, conflicts_with = "subject")]
    pub address: Option<String>,
    /// Search radius in miles (widened when too few sales are found).
    #[arg(long, default_value_t = 1.0)]
    pub radius_mi: f64,
    /// How far back sales may be, in months.
    #[arg(long, default_value_t = 6)]
    pub months: u32,
    /// How many comparables to keep.
    #[arg(long, default_value_t = 6)]
    pub count: usize,
    /// Leave this sale out (repeatable).
    #[arg(long)]
    pub remove: Vec<String>,
    /// Use this sale as a comparable too (repeatable).
    #[arg(long)]
    pub add: Vec<String>,
    /// Use RATE for an adjustment (e.g. living_area=150, time=0.004); repeatable.
    #[arg(long = "adjust", value_name = "NAME=RATE")]
    pub adjust: Vec<String>,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: CmaFormatArg,
    /// Output file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct FieldsArgs {
    #[command(flatten)]
    pub class: ReplicaClassArgs,
    /// Save the --map entries as this class's mapping (replacing the saved one).
    #[arg(long)]
    pub save: bool,
}
