/* Builds the add-in: one shared runtime page hosting the task pane and the custom functions. */
const path = require("path");
const fs = require("fs");
const os = require("os");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { finishMetadata } = require("./scripts/functions-metadata");
const { renderHelp } = require("./scripts/help-page");

/**
 * Finishes functions.json (allowErrorForDataTypeAny, help URLs at the deployment URL) and publishes
 * docs/functions.md as help/functions.html, the page every function's helpUrl points into.
 */
class GtmFunctionsHelpPlugin {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    const docs = path.resolve(__dirname, "docs", "functions.md");
    compiler.hooks.thisCompilation.tap("GtmFunctionsHelpPlugin", (compilation) => {
      compilation.fileDependencies.add(docs);
      compilation.hooks.processAssets.tapPromise({ name: "GtmFunctionsHelpPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, async () => {
        const json = compilation.getAsset("functions.json");
        if (json) compilation.updateAsset("functions.json", new RawSource(JSON.stringify(finishMetadata(json.source.source().toString(), this.baseUrl), null, 4)));
        const markdown = fs.readFileSync(docs, "utf8");
        compilation.emitAsset("help/functions.html", new RawSource(await renderHelp(markdown)));
        // the pictures the page shows, beside it as in docs/
        for (const [, image] of markdown.matchAll(/\]\((images\/[^)\s]+)\)/g)) {
          const file = path.resolve(__dirname, "docs", image);
          compilation.fileDependencies.add(file);
          compilation.emitAsset(`help/${image}`, new RawSource(fs.readFileSync(file)));
        }
      });
    });
  }
}

const devUrl = "https://localhost:3000/";
// Where the production build is served from; set ADDIN_URL when deploying.
const prodUrl = process.env.ADDIN_URL || "https://gtm-compass.example.com/";

/** office-addin-dev-certs puts its trusted localhost certificate here (created by `npm start`). */
function devHttpsOptions() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const cert = path.join(dir, "localhost.crt");
  const key = path.join(dir, "localhost.key");
  const ca = path.join(dir, "ca.crt");
  if (fs.existsSync(cert) && fs.existsSync(key)) {
    return { type: "https", options: { cert: fs.readFileSync(cert), key: fs.readFileSync(key), ca: fs.existsSync(ca) ? fs.readFileSync(ca) : undefined } };
  }
  return { type: "https" };
}

// Office's script host. Production pages load office.js from it (Excel needs the host-specific scripts it
// fetches from the same place); development builds use the local copy so browser tests stay offline.
const officeCdn = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

module.exports = (env, argv) => {
  const dev = argv.mode !== "production";
  // --env officejs=cdn|local overrides the default (the dev server passes cdn for sideloading into Excel).
  const officeJsLocal = ((env && env.officejs) || (dev ? "local" : "cdn")) === "local";
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: { keep: /^node\// },
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // ES modules for webpack (tsconfig says commonjs for Node), so unused Fluent UI parts are dropped.
          use: { loader: "ts-loader", options: { transpileOnly: true, configFile: "tsconfig.json", compilerOptions: { module: "es2020" } } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new GtmFunctionsHelpPlugin(dev ? devUrl : prodUrl),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        inject: "body",
        scriptLoading: "blocking",
        officeJs: officeJsLocal ? "office.js" : officeCdn,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          { from: "node_modules/@microsoft/office-js/dist/office.js", to: "office.js" },
          // The task pane's help page, rendered as the functions' page is, with its pictures beside it.
          { from: "docs/taskpane.md", to: "help/taskpane.html", transform: (content) => renderHelp(content.toString(), "GTM Compass task pane") },
          { from: "docs/images/taskpane-*.png", to: "help/images/[name][ext]" },
          // The local office.js loads this table from beside itself before Office.onReady resolves.
          { from: "node_modules/@microsoft/office-js/dist/o15apptofilemappingtable.js", to: "o15apptofilemappingtable.js" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform(content) {
              if (dev) return content;
              // Full URLs first, then bare origins (AppDomain) so the production manifest names only ADDIN_URL.
              return content.toString().split(devUrl).join(prodUrl).split(new URL(devUrl).origin).join(new URL(prodUrl).origin);
            },
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: devHttpsOptions(),
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
};
