// Well-known autonomous system numbers by the kind of network behind them, for classifying
// request.cf.asn when no company range or provider names the visitor's company.
//
// Compiled by hand for Facet from public knowledge: the regional internet registries' ASN records
// (ARIN, RIPE NCC, APNIC, LACNIC, AFRINIC whois) and PeeringDB-style public network listings. It is
// deliberately small: only the largest networks, and only numbers we are confident of, because a wrong
// entry is worse than a miss (a miss falls back to keywords in the AS organization's name). A network
// that is both (an ISP with a hosting arm) is listed by what most of its addresses serve.

/** Consumer and business access networks: fixed-line ISPs and mobile carriers. */
export const ISP_ASNS: readonly number[] = [
  // United States
  7922, // Comcast
  20115,
  11427,
  10796,
  11426,
  12271,
  20001,
  33363, // Charter (Spectrum, former Time Warner Cable and Bright House)
  7018,
  20057,
  6389, // AT&T, AT&T Mobility, BellSouth (AT&T)
  701,
  6167,
  22394, // Verizon, Verizon Wireless
  21928,
  10507, // T-Mobile USA, Sprint (T-Mobile)
  22773, // Cox
  6128, // Optimum (Altice USA)
  209, // CenturyLink (Lumen)
  5650, // Frontier
  // Canada
  812,
  577,
  852,
  6327,
  5769, // Rogers, Bell, TELUS, Shaw, Videotron
  // Latin America
  8151,
  28573,
  27699,
  18881,
  7738,
  7303,
  6147, // Telmex, Claro Brasil, Vivo, Vivo (GVT), Oi, Telecom Argentina, Telefonica Peru
  // Europe
  3320,
  6805,
  3209, // Deutsche Telekom, Telefonica Germany (O2), Vodafone Germany
  3215,
  12322,
  15557,
  5410, // Orange France, Free, SFR, Bouygues Telecom
  2856,
  12576,
  5089,
  5607,
  13285,
  25135, // BT, EE, Virgin Media, Sky, TalkTalk, Vodafone UK
  3352,
  12479, // Telefonica Spain (Movistar), Orange Spain
  3269,
  30722,
  12874, // Telecom Italia, Vodafone Italy, Fastweb
  1136,
  9143, // KPN, Ziggo
  5432,
  6848, // Proximus, Telenet
  3303,
  8447,
  6830, // Swisscom, A1 Telekom Austria, Liberty Global
  3301,
  2119,
  3292,
  719, // Telia Sweden, Telenor Norway, TDC, Elisa
  5617,
  5610,
  6799,
  9121, // Orange Polska, O2 Czech Republic, OTE, Turk Telekom
  12389,
  8359,
  8402, // Rostelecom, MTS, Beeline
  // Asia and Oceania
  4134,
  4837, // China Telecom, China Unicom
  4713,
  17676,
  2516, // NTT OCN, SoftBank, KDDI
  4766,
  9318, // Korea Telecom, SK Broadband
  3462,
  9299,
  4788,
  7552,
  45899,
  7470,
  17974, // HiNet, PLDT, TM Net, Viettel, VNPT, True Internet, Telkom Indonesia
  55836,
  9498,
  45609,
  24560,
  9829, // Jio, Airtel, Airtel mobile, Airtel broadband, BSNL
  1221,
  4804,
  7545,
  4771, // Telstra, Optus, TPG, Spark NZ
  // Africa
  36947,
  8452, // Algerie Telecom, TE Data (Egypt)
];

/** Cloud, hosting, CDN and data-center networks: a visitor from here is a server, a VPN or a proxy. */
export const HOSTING_ASNS: readonly number[] = [
  16509,
  14618, // Amazon Web Services
  396982,
  15169, // Google Cloud, Google
  8075, // Microsoft
  13335, // Cloudflare
  14061, // DigitalOcean
  16276, // OVHcloud
  24940, // Hetzner
  63949, // Linode (Akamai)
  31898, // Oracle Cloud
  45102,
  37963, // Alibaba Cloud
  132203,
  45090, // Tencent Cloud
  55990,
  136907, // Huawei Cloud
  20473, // Vultr (Choopa)
  12876, // Scaleway
  51167, // Contabo
  54113, // Fastly
  20940,
  16625, // Akamai
  36351, // IBM Cloud (SoftLayer)
  19994,
  27357,
  33070, // Rackspace
  60781,
  28753,
  30633, // Leaseweb
  8560, // IONOS
  26496, // GoDaddy
  46606, // Unified Layer (Bluehost)
  32244, // Liquid Web
  22612, // Namecheap
  47583, // Hostinger
  197540, // netcup
  9009, // M247
  60068, // CDN77 (DataCamp)
  199524, // G-Core Labs
  21859, // Zenlayer
  54825, // Equinix Metal (Packet)
  36352, // ColoCrossing
  53667, // FranTech (BuyVM)
  40676, // Psychz
  8100, // QuadraNet
  43350, // NForce
  62240, // Clouvider
  9370, // Sakura Internet
];

/** National research and education networks, and a university that runs its own. */
export const EDUCATION_ASNS: readonly number[] = [
  11537, // Internet2
  20965, // GEANT
  786, // Jisc (JANET)
  680, // DFN
  2200, // RENATER
  4538, // CERNET
  137, // GARR
  766, // RedIRIS
  1103, // SURF
  2603, // NORDUnet
  1213, // HEAnet
  559, // SWITCH
  2852, // CESNET
  7575, // AARNet
  6509, // CANARIE
  2907, // SINET
  1916, // RNP
  3, // MIT
];
