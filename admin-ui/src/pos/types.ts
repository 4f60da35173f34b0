// Shapes of what the point of sale reads from the server.
export interface LookupProduct {
  id: number;
  name: string;
  category: string | null;
  sku: string | null;
  barcode: string | null;
  selling_price: number;
  stock_quantity: number;
  min_stock_level: number;
  is_active: boolean;
}

export interface SaleLine {
  id: number;
  item_name: string;
  quantity: number;
  unit_price: number;
  discount_amount: number;
  total_price: number;
}

export interface RecordedSale {
  id: number;
  sale_number: string;
  final_amount: number;
  total_amount: number;
  discount_amount: number;
  tax_amount: number;
  payment_method: string;
  currency: string;
  items: SaleLine[];
  payments: { method: string; amount: number; reference: string | null }[];
}
