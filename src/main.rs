fn main() {
    match citynet::data::embedded() {
        Ok(d) => {
            let problems = citynet::data::validate(&d);
            for p in &problems {
                println!("{p}");
            }
            println!("{} networks, {} problems", d.networks.len(), problems.len());
        }
        Err(e) => eprintln!("{e}"),
    }
}
